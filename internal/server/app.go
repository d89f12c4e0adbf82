package server

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/convene/convene/frontend"
)

// appHandler serves the embedded single-page app: hashed assets are cached
// forever, index.html never, and unknown paths fall back to index.html so
// client-side routes work on reload.
type appHandler struct {
	files fs.FS
	index []byte
}

const placeholderPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Convene</title></head>
<body><main><h1>Convene</h1>
<p>The web app has not been built into this binary (run <code>make run</code>, which builds it).</p>
<p>The GraphQL API and its explorer are at <a href="/graphql">/graphql</a>.</p></main></body></html>`

func newAppHandler() *appHandler {
	files := frontend.Dist()
	index, err := fs.ReadFile(files, "index.html")
	if err != nil {
		index = []byte(placeholderPage)
	}
	return &appHandler{files: files, index: index}
}

func (h *appHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name != "" && name != "index.html" {
		if f, err := h.files.Open(name); err == nil {
			st, _ := f.Stat()
			_ = f.Close()
			if st != nil && !st.IsDir() {
				if strings.HasPrefix(name, "assets/") {
					// Vite puts a content hash in every asset name.
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				http.ServeFileFS(w, r, h.files, name)
				return
			}
		}
		if strings.HasPrefix(name, "assets/") || path.Ext(name) != "" {
			http.NotFound(w, r)
			return
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(h.index))
}
