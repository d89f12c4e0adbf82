package scheduling

import texttemplate "text/template"

func mustText(src string) *texttemplate.Template {
	return texttemplate.Must(texttemplate.New("email.txt").Parse(src))
}
