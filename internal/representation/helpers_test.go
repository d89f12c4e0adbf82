package representation_test

import "github.com/convene/convene/ent/attendance"

func attendanceStatus(s string) attendance.Status { return attendance.Status(s) }
