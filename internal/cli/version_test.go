package cli

import (
	"runtime/debug"
	"testing"
)

// The version names the module version, the VCS revision and whether the
// tree had changes, and the Go version: all that a bug report needs.
func TestVersionOf(t *testing.T) {
	for _, c := range []struct {
		info debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}}, "signal v1.2.0 go1.26.8"},
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "3fc1644e0f"}, {Key: "vcs.modified", Value: "false"},
		}}, "signal (devel) (3fc1644e0f) go1.26.8"},
		{debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.3.0-0.20261124-3fc1644e0f"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "3fc1644e0f"}, {Key: "vcs.modified", Value: "true"},
		}}, "signal v1.3.0-0.20261124-3fc1644e0f (3fc1644e0f+dirty) go1.26.8"},
	} {
		if got := versionOf(&c.info); got != c.want {
			t.Errorf("versionOf: %q, want %q", got, c.want)
		}
	}
}
