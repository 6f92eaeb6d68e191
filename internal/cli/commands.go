package cli

import (
	"context"
	"errors"
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
			textFlag(fs, &f.dest, "destination", "", "the output `folder` (default public inside the site folder)")
			textFlag(fs, &f.dest, "d", "", "")
			textFlag(fs, &f.baseURL, "base-url", "", "override base_url of site.yaml with `URL`")
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
	port := portFlag{n: defaultPort}
	var drafts, future bool
	return &command{
		name:    "serve",
		args:    "[-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--future]",
		summary: "preview the site, rebuilding on every change",
		flags: func(fs *flag.FlagSet) {
			sourceFlag(fs, &source)
			textFlag(fs, &bind, "bind", "127.0.0.1", "the `address` to listen on")
			fs.Var(&port, "port", "the `port` to listen on; without it, a free one when the default is taken")
			fs.BoolVar(&drafts, "drafts", false, "include drafts")
			fs.BoolVar(&future, "future", false, "include digests dated in the future")
		},
		run: func(e *env, args []string) int {
			if len(args) > 0 {
				fmt.Fprintf(e.stderr, "signal serve: unexpected argument %q\n", args[0])
				return ExitUsage
			}
			if !isSite(e, "serve", source) {
				return ExitUsage
			}
			ln, err := listen(e, bind, port)
			if err != nil {
				fmt.Fprintf(e.stderr, "signal serve: %v\n", err)
				return ExitContent
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			s := serve.New(serve.Options{
				Source: source, Theme: theme.Theme,
				Drafts: drafts, Future: future, Log: e.stderr,
			})
			if err := s.Serve(ctx, ln); err != nil {
				fmt.Fprintf(e.stderr, "signal serve: %v\n", err)
				return ExitContent
			}
			fmt.Fprintln(e.stderr, "stopped")
			return ExitOK
		},
	}
}

const defaultPort = 1313

// portFlag is serve's --port, which knows whether it was given.
type portFlag struct {
	n   int
	set bool
}

func (p *portFlag) String() string { return strconv.Itoa(p.n) }

func (p *portFlag) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q is not a port (want 0 to 65535; 0 picks a free one)", s)
	}
	p.n, p.set = n, true
	return nil
}

// listen opens serve's address. When the default port is taken, as by a
// second preview, it serves on a free port and says so, as hugo server
// does; a port given with --port is kept to, or serve fails.
func listen(e *env, bind string, port portFlag) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(bind, strconv.Itoa(port.n)))
	if err == nil || !errors.Is(err, syscall.EADDRINUSE) {
		return ln, err
	}
	if port.set {
		return nil, fmt.Errorf("%w (choose another with --port, or --port 0 for a free one)", err)
	}
	ln, err = net.Listen("tcp", net.JoinHostPort(bind, "0"))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stderr, "Port %d is in use: serving on port %d instead (--port chooses one).\n", port.n, ln.Addr().(*net.TCPAddr).Port)
	return ln, nil
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
			return e.println("version", version())
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
