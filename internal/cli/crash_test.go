package cli_test

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/signaldigest/signal/internal/corpus"
	"github.com/signaldigest/signal/internal/sitetest"
)

// TestBuildKilled kills real builds of a large archive with SIGKILL at 20
// moments spread over a build, two of them aimed at either side of the
// swap, and checks SPEC §5's crash safety after each: the destination is
// byte for byte the old site or the new one, never a mix and never
// missing, and what a killed build leaves beside it is named as a build's
// leftover and removed by the next build.
//
// The builds are this test binary run as `signal` (see TestMain), so that
// they are real processes with nothing shared with the test. The archive
// has 200 digests, about 2,400 files, unless SIGNAL_CRASH_DIGESTS says
// otherwise.
func TestBuildKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large archive 23 times")
	}
	n := 200
	if s := os.Getenv("SIGNAL_CRASH_DIGESTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			t.Fatalf("SIGNAL_CRASH_DIGESTS=%q", s)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	// Two archives of the same size whose every page differs, so that a
	// mix of the two cannot pass for either.
	sites := [2]string{filepath.Join(root, "a"), filepath.Join(root, "b")}
	for i, dir := range sites {
		files := corpus.Files(corpus.Generate(corpus.Options{N: n, Seed: uint64(i + 1)}))
		if err := corpus.Write(dir, files); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(root, "out")
	dest := filepath.Join(out, "public")
	signal := func(site string) *exec.Cmd {
		cmd := exec.Command(exe, "build", "-s", site, "-d", dest, "--quiet")
		cmd.Args[0] = "signal" // TestMain runs cli.Main for this name
		cmd.Stderr = os.Stderr
		return cmd
	}
	// Build each site whole once, for its tree and for the build's duration.
	var want [2]map[string][32]byte
	var took time.Duration
	for i := range sites {
		start := time.Now()
		if err := signal(sites[i]).Run(); err != nil {
			t.Fatalf("building %s: %v", sites[i], err)
		}
		took = max(took, time.Since(start))
		want[i] = hashTree(t, dest)
	}
	t.Logf("a whole build of %d digests (%d files) takes %v", n, len(want[1]), took)
	current := 1 // the destination holds site b

	// 18 delays spread from the start to past the end of a build, then two
	// aimed at the swap: once the new folder is complete, and right after
	// the destination changed.
	var moments []string
	for i := range 18 {
		moments = append(moments, (took * time.Duration(i+1) * 23 / 18 / 20).String())
	}
	moments = append(moments, "before swap", "after swap")
	outcome := map[string]int{}
	for _, when := range moments {
		next := 1 - current
		before := sitetest.Names(t, out) // the leftovers of earlier kills
		cmd := signal(sites[next])
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		switch when {
		case "before swap":
			// Every file is written: the exchange is next.
			waitFor(t, cmd, func() bool { return buildFiles(out, before) >= len(want[next]) })
		case "after swap":
			before := inode(t, dest)
			waitFor(t, cmd, func() bool { return inode(t, dest) != before })
		default:
			d, _ := time.ParseDuration(when)
			time.Sleep(d)
		}
		_ = cmd.Process.Kill()
		err := cmd.Wait()
		killed := err != nil && strings.Contains(err.Error(), "killed")
		got := hashTree(t, dest)
		switch {
		case equalTrees(got, want[current]):
			outcome["old"]++
		case equalTrees(got, want[next]):
			outcome["new"]++
			current = next
		default:
			t.Fatalf("killed %s into the build (killed=%v): the destination is neither site: %d files, %d of the old site's and %d of the new one's",
				when, killed, len(got), common(got, want[current]), common(got, want[next]))
		}
		for _, name := range sitetest.Names(t, out) {
			if name != "public" && !strings.HasPrefix(name, ".public.signal-build-") {
				t.Errorf("killed %s into the build: %s left beside the destination", when, name)
			}
		}
	}
	t.Logf("after 20 kills the destination was the old site %d times and the new one %d times", outcome["old"], outcome["new"])

	// A build that runs to its end removes what the killed ones left.
	if err := signal(sites[1-current]).Run(); err != nil {
		t.Fatal(err)
	}
	if !equalTrees(hashTree(t, dest), want[1-current]) {
		t.Error("the build after the kills did not write its site")
	}
	if names := sitetest.Names(t, out); !slices.Equal(names, []string{"public"}) {
		t.Errorf("left beside the destination after a whole build: %v", names)
	}
}

// waitFor polls cond until it holds or the build ends, then returns.
func waitFor(t *testing.T, cmd *exec.Cmd, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() && time.Now().Before(deadline) {
		if cmd.ProcessState != nil {
			return
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// buildFiles counts the files in the build folders under out, but for the
// folders named in old.
func buildFiles(out string, old []string) int {
	n := 0
	dirs, _ := filepath.Glob(filepath.Join(out, ".public.signal-build-*"))
	for _, dir := range dirs {
		if slices.Contains(old, filepath.Base(dir)) {
			continue
		}
		_ = filepath.WalkDir(dir, func(_ string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				n++
			}
			return nil
		})
	}
	return n
}

func inode(t *testing.T, p string) uint64 {
	st, err := os.Stat(p)
	if err != nil {
		t.Fatalf("the destination is missing: %v", err)
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

// hashTree returns the hash of every file under dir, by its path.
func hashTree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatalf("reading the destination: %v", err)
	}
	return out
}

func equalTrees(a, b map[string][32]byte) bool {
	return len(a) == len(b) && common(a, b) == len(a)
}

// common counts the files that a and b hold with the same content.
func common(a, b map[string][32]byte) int {
	n := 0
	for k, v := range a {
		if w, ok := b[k]; ok && w == v {
			n++
		}
	}
	return n
}
