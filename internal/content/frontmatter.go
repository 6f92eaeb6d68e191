package content

import (
	"bytes"
)

// split separates a file into its YAML front matter and its body. It returns
// the number of lines before the YAML (the opening fence), so that positions
// in the YAML can be reported as lines of the file. When the file does not
// start with a --- fence, or the fence is never closed, problem says so,
// of line 1.
func split(file []byte) (yaml, body []byte, yamlOffset int, problem string) {
	const missing = "missing front matter: a digest starts with a --- line, then YAML, then another --- line"
	first, rest, found := cutLine(file)
	if bytes.IndexByte(first, '\r') >= 0 {
		// Read as one line, the fence and every field after it.
		return nil, nil, 0, "lines end in CR alone, as classic Mac OS ended them: save the file with LF or CRLF line ends"
	}
	if !isFence(first) {
		if bytes.Equal(bytes.TrimRight(first, " \t"), []byte("+++")) {
			// Hugo's TOML front matter, in a digest brought from a Hugo site.
			return nil, nil, 0, missing + "; +++ opens TOML, which signal does not read: write the fields as YAML between --- lines"
		}
		return nil, nil, 0, missing
	}
	unclosed := "front matter is not closed: no --- line after this one ends it"
	if !found {
		return nil, nil, 0, unclosed
	}
	yamlStart := len(file) - len(rest)
	for pos := yamlStart; pos < len(file); {
		l, next, _ := cutLine(file[pos:])
		if isFence(l) || bytes.Equal(bytes.TrimRight(l, " \t"), []byte("...")) {
			yaml = file[yamlStart:pos]
			body = next
			return yaml, body, 1, ""
		}
		pos = len(file) - len(next)
		if len(next) == 0 {
			break
		}
	}
	return nil, nil, 0, unclosed
}

// cutLine returns the first line of b without its line end, and the rest.
func cutLine(b []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(b, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), rest, found
}

func isFence(l []byte) bool {
	return bytes.Equal(bytes.TrimRight(l, " \t"), []byte("---"))
}
