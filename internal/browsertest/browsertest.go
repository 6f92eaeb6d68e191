package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path finds Chromium, or skips the test; under CI, which installs
// Chromium, a missing browser is a broken setup and fails the test.
func Path(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const msg = "chromium not installed: apt-get install -y chromium"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI is set, and .ci/run installs it)")
	}
	fmt.Fprintf(os.Stderr, "\n*** %s: SKIPPED, %s ***\n\n", t.Name(), msg)
	t.Skip("*** " + msg + " ***")
	return ""
}

// Allocator starts Chromium at path, headless, in a fresh profile, with
// none of its own traffic to the network (which is closed on CI machines,
// where its attempts only slow it), and more options after those.
func Allocator(ctx context.Context, t testing.TB, path string, more ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	return chromedp.NewExecAllocator(ctx, append(opts, more...)...)
}

// Until evaluates the JavaScript condition cond in the page of ctx every
// 20 ms, each time for at most 2 s, until it is true; after wait, or once
// ctx ends, it returns an error that names the last failed evaluation.
func Until(ctx context.Context, wait time.Duration, cond string) error {
	deadline := time.Now().Add(wait)
	var last error
	for {
		ectx, cancel := context.WithTimeout(ctx, 2*time.Second)
		ok, err := chromedp.Run(ectx, chromedp.Evaluate[bool](cond))
		cancel()
		if err == nil && ok {
			return nil
		}
		if err != nil {
			last = err
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("not seen within %v (last error: %v)", wait, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
