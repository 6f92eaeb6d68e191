package output

import (
	"strings"
	"testing"
)

// A folder where a file system is mounted is refused before the build, with
// a message that says why and what to do; any other folder is not. /proc is
// one on every Linux. (A mount made for the test would need root.)
func TestMounted(t *testing.T) {
	err := Mounted("/proc")
	if err == nil || !strings.Contains(err.Error(), "destination /proc is a mount point") || !strings.Contains(err.Error(), "(-d /proc/site)") {
		t.Errorf("Mounted(/proc) = %v", err)
	}
	// As a user gives it: public, from the site folder.
	t.Chdir("/")
	if err := Mounted("proc"); err == nil || !strings.Contains(err.Error(), "destination proc is a mount point") {
		t.Errorf("Mounted(proc) from / = %v", err)
	}
	if err := Mounted(t.TempDir()); err != nil {
		t.Errorf("a folder of the temporary folder: %v", err)
	}
	if err := Mounted("/proc/self/no-such-folder"); err != nil {
		t.Errorf("a folder that does not exist: %v", err)
	}
}

func TestUnescapeMount(t *testing.T) {
	for in, want := range map[string]string{
		`/mnt/a\040b`:     "/mnt/a b",
		`/mnt/tab\011x`:   "/mnt/tab\tx",
		`/mnt/back\134sl`: `/mnt/back\sl`,
		`/plain`:          "/plain",
		`/end\04`:         `/end\04`,
	} {
		if got := unescapeMount(in); got != want {
			t.Errorf("unescapeMount(%q) = %q, want %q", in, got, want)
		}
	}
}
