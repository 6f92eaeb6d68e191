package output

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// mountPoint reports whether dir is where a file system is mounted, or a
// folder bound there (mount --bind, a container's volume): it cannot be
// renamed, and so not swapped. Linux lists them in /proc/self/mountinfo,
// whose fifth field is the mount point, with space, tab, newline and
// backslash written as octal escapes.
func mountPoint(dir string) bool {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(nil, 1<<20)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) > 4 && unescapeMount(fields[4]) == dir {
			return true
		}
	}
	return false
}

func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
