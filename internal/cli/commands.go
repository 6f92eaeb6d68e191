package cli

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"syscall"

	theme "github.com/signaldigest/signal"
	"github.com/signaldigest/signal/internal/serve"
)

func buildCommand() *command {
	var f buildFlags
	return &command{
		name:    "build",
		args:    "[-s DIR] [-d DIR] [--base-url URL] [--drafts] [--future] [--quiet] [--timings]",
		summary: "build the site into a folder",
		flags: func(fs *flag.FlagSet) {
			sourceFlag(fs, &f.source)
			fs.StringVar(&f.dest, "destination", "", "the output `folder` (default public inside the site folder)")
			fs.StringVar(&f.dest, "d", "", "")
			fs.StringVar(&f.baseURL, "base-url", "", "override base_url of site.yaml with `URL`")
			fs.BoolVar(&f.drafts, "drafts", false, "include drafts")
			fs.BoolVar(&f.future, "future", false, "include digests dated in the future")
			fs.BoolVar(&f.quiet, "quiet", false, "print nothing but errors")
			fs.BoolVar(&f.timings, "timings", false, "print the time and memory of each stage")
		},
		run: func(e *env, args []string) int { return runBuild(e, &f, args) },
	}
}

func serveCommand() *command {
	var source, bind string
	var port int
	var drafts, future bool
	return &command{
		name:    "serve",
		args:    "[-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]",
		summary: "preview the site, rebuilding on every change",
		flags: func(fs *flag.FlagSet) {
			sourceFlag(fs, &source)
			fs.StringVar(&bind, "bind", "127.0.0.1", "the `address` to listen on")
			fs.IntVar(&port, "port", 1313, "the `port` to listen on")
			fs.BoolVar(&drafts, "drafts", false, "include drafts")
			fs.BoolVar(&future, "future", false, "include digests dated in the future")
		},
		run: func(e *env, args []string) int {
			if len(args) > 0 {
				fmt.Fprintf(e.stderr, "signal serve: unexpected argument %q\n", args[0])
				return ExitUsage
			}
			if port < 0 || port > 65535 {
				fmt.Fprintf(e.stderr, "signal serve: --port %d is not a port\n", port)
				return ExitUsage
			}
			if _, err := os.Stat(source); err != nil {
				fmt.Fprintf(e.stderr, "signal serve: %v\n", err)
				return ExitContent
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			s := serve.New(serve.Options{
				Source: source, Theme: theme.Theme, Addr: net.JoinHostPort(bind, strconv.Itoa(port)),
				Drafts: drafts, Future: future, Log: e.stderr,
			})
			if err := s.Run(ctx); err != nil {
				fmt.Fprintf(e.stderr, "signal serve: %v\n", err)
				return ExitContent
			}
			fmt.Fprintln(e.stderr, "stopped")
			return ExitOK
		},
	}
}

func versionCommand() *command {
	return &command{
		name:    "version",
		args:    "",
		summary: "print the version of signal",
		run: func(e *env, args []string) int {
			if len(args) > 0 {
				fmt.Fprintln(e.stderr, "signal version: takes no arguments")
				return ExitUsage
			}
			fmt.Fprintln(e.stdout, version())
			return ExitOK
		},
	}
}

// version is the module version and the VCS revision it was built from.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "signal (unknown version)"
	}
	return versionOf(info)
}

// versionOf reads a version from build info: `go install ...@v1.2.0` sets
// the module version, and `go build` in a checkout the VCS revision.
func versionOf(info *debug.BuildInfo) string {
	v := "signal " + info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		v += " (" + rev + modified + ")"
	}
	return v + " " + info.GoVersion
}
