package render

import (
	"io/fs"
	"testing"
	"testing/fstest"
)

// The built-in theme's scripts are written out without their lines of
// comments; a site's own are copied as they are, but for a copy of a
// built-in one, byte for byte, which is the built-in one.
func TestServedScripts(t *testing.T) {
	a := []byte("// note\nconst a = 1; // stays\n  // indented note\nconst s = \"//\";\n")
	builtin := fstest.MapFS{
		"static/a.js":  {Data: a},
		"static/b.js":  {Data: []byte("// b\nb();\n")},
		"static/c.css": {Data: []byte("/* c */\n")},
	}
	for _, site := range []fstest.MapFS{
		{"static/b.js": {Data: []byte("// mine\nb();\n")}},
		{"static/b.js": {Data: []byte("// mine\nb();\n")}, "static/a.js": {Data: a}},
	} {
		static := NewTheme(builtin, site).Static
		for name, want := range map[string]string{
			"a.js":  "\nconst a = 1; // stays\n\nconst s = \"//\";\n",
			"b.js":  "// mine\nb();\n",
			"c.css": "/* c */\n",
		} {
			data, err := fs.ReadFile(static, name)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(served(static, name, data)); got != want {
				t.Errorf("%s is written as %q, want %q (the site's own: %v)", name, got, want, site["static/"+name] != nil)
			}
		}
	}
}
