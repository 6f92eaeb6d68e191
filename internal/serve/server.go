package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/signaldigest/signal/internal/build"
	"github.com/signaldigest/signal/internal/diag"
)

// Options configure a Server.
type Options struct {
	Source string // the site folder
	Theme  fs.FS  // the built-in theme
	Drafts bool
	Future bool
	Log    io.Writer // one line per rebuild
}

// Server serves the last good build of a site and rebuilds it on change.
type Server struct {
	opts   Options
	events *broker
	cache  *build.Cache // what one build made, for the next

	// The check of every page of the newest build (see checkPages): only
	// the rebuilding goroutine starts and stops it, and Serve waits for it.
	stopCheck context.CancelFunc
	checks    sync.WaitGroup

	mu       sync.RWMutex // guards the fields below
	site     files
	problems diag.List         // the errors of the newest build, nil when it succeeded
	build    int               // counts builds, good or bad: pages compare it to know they are stale
	good     files             // the newest build whose every page was made without error
	goodN    int               // its number
	partly   bool              // site is a build some of whose pages failed, shown for want of a good one
	moved    map[string]string // digest pages moved during the session, old site path → new (see moves)
	// The files changed since the build served (all of them when a
	// rebuild was of everything): where moves looks for moved digests.
	unserved    []string
	unservedAll bool
	epoch       int64 // when the server started: a restarted server's builds differ
}

// files is a build as the handler reads it.
type files interface {
	File(name string) ([]byte, bool, diag.List)
}

// none is the site before the first good build.
type none struct{}

func (none) File(string) ([]byte, bool, diag.List) { return nil, false, nil }

// New returns a server for the site in opts.Source.
func New(opts Options) *Server {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Server{opts: opts, events: newBroker(), cache: build.NewCache(), site: none{}, good: none{}, epoch: time.Now().UnixNano()}
}

// Rebuild builds the site again, parsing only the files in changed (paths
// relative to the site folder) and whatever the cache has not seen. Pages
// are made when asked for, so a rebuild makes only the model of the site,
// then the pages that were asked for before and that the change touched,
// and one page of each kind, which brings out errors in layouts. On
// success the new build replaces the old one in one step; on failure the
// old one stays, with the errors. Calls must not overlap (the watcher makes
// them one after another): they share the build cache.
func (s *Server) Rebuild(baseURL *url.URL, changed ...string) (time.Duration, diag.List) {
	start := time.Now()
	if s.stopCheck != nil {
		s.stopCheck() // its build is about to be replaced
	}
	s.cache.Changed(changed...)
	out, problems := build.Prepare(os.DirFS(s.opts.Source), build.Options{
		Theme: s.opts.Theme, BaseURL: baseURL, Drafts: s.opts.Drafts, Future: s.opts.Future, Now: time.Now(),
		Cache: s.cache,
	})
	if problems.Err() == nil {
		problems = append(problems, out.Refresh()...)
	}
	problems.Sort()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.build++
	// The files changed since the build served, which a failed build
	// leaves in place: a digest moved by an edit made while another file
	// was broken moves when the build is mended.
	s.unserved = append(s.unserved, changed...)
	s.unservedAll = s.unservedAll || len(changed) == 0
	if problems.Err() != nil {
		s.problems = problems.Errors()
	} else {
		s.checkPages(out, s.build)
		if last, ok := s.site.(*build.Output); ok {
			s.remember(moves(last.Site(), out.Site(), s.unserved, s.unservedAll))
		}
		s.site, s.problems, s.partly = out, nil, false
		s.unserved, s.unservedAll = nil, false
	}
	return time.Since(start), problems
}

// checkDelay is how long the check of a new build's pages waits, so that
// the pages a browser asks for at once, on its reload, are made first.
var checkDelay = 300 * time.Millisecond

// checkPages makes every page of build n in the background, keeping none:
// a rebuild makes only the pages asked for, and an error in a layout that
// only some pages meet would go unseen until one of them is asked for,
// where signal build fails at once. When it finds one and build n is still
// the newest, the newest build whose pages were all made is served again,
// with the errors, and open pages reload to it; with no such build yet,
// this one stays, with the errors. Called with s.mu held.
func (s *Server) checkPages(out *build.Output, n int) {
	ctx, cancel := context.WithCancel(context.Background())
	s.stopCheck = cancel
	s.checks.Add(1)
	go func() {
		defer s.checks.Done()
		defer cancel()
		select {
		case <-time.After(checkDelay):
		case <-ctx.Done():
			return
		}
		problems := out.Check(ctx)
		if ctx.Err() != nil {
			return
		}
		s.mu.Lock()
		if problems.Err() == nil {
			if n > s.goodN {
				s.good, s.goodN = out, n
			}
			s.mu.Unlock()
			return
		}
		if s.build != n {
			s.mu.Unlock()
			return
		}
		problems = problems.Errors()
		problems.Sort()
		s.build++
		s.problems = problems
		if _, empty := s.good.(none); empty {
			s.partly = true
		} else {
			s.site = s.good
		}
		said, name := s.serving(), fmt.Sprintf("%d-%d", s.epoch, s.build)
		s.mu.Unlock()
		fmt.Fprintf(s.opts.Log, "checking every page found errors; %s:\n", said)
		for _, p := range problems {
			fmt.Fprintf(s.opts.Log, "  %s\n", p.Error())
		}
		s.events.send(event{name: "reload", data: name})
	}()
}

// state returns the build to serve from, its errors and its name, read
// together so that one response comes from one build. The name is unique
// across restarts, so that a page left open while the server was down
// knows, when it reconnects, that it may be stale.
func (s *Server) state() (files, diag.List, string) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.site, s.problems, fmt.Sprintf("%d-%d", s.epoch, s.build)
}

// Serve builds, serves on ln and watches until ctx is done. It returns
// only on a serving or watching failure, or when ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	base := &url.URL{Scheme: "http", Host: ln.Addr().String(), Path: "/"}
	where := ""
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		switch {
		case tcp.IP.IsLoopback() && tcp.IP.To4() != nil:
			base.Host = fmt.Sprintf("127.0.0.1:%d", tcp.Port)
		case tcp.IP.IsUnspecified():
			// Every interface: links name this machine as its own browser
			// does; one on another machine follows the relative ones.
			base.Host = fmt.Sprintf("localhost:%d", tcp.Port)
			where = fmt.Sprintf(", listening on every interface (%s)", ln.Addr())
		}
	}
	// Watch before the first build, so that no save during it is missed.
	w, err := newWatcher(s.opts.Source)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	took, problems := s.Rebuild(base)
	s.logBuild(took, problems, nil)
	fmt.Fprintf(s.opts.Log, "Serving %s at %s%s (Ctrl-C to stop)\n", s.opts.Source, base, where)

	srv := &http.Server{
		Handler:           s.Handler(isLoopback(ln.Addr())),
		ReadHeaderTimeout: timeouts.header,
		ReadTimeout:       timeouts.read,
		WriteTimeout:      timeouts.write,
		IdleTimeout:       timeouts.idle,
		MaxHeaderBytes:    64 << 10,
		// OPTIONS * goes to the handler too, which checks its Host.
		DisableGeneralOptionsHandler: true,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.run(ctx, func(changed []string) {
			took, problems := s.Rebuild(base, changed...)
			s.logBuild(took, problems, changed)
			s.notify(changed, problems)
		}, s.failedOn)
	}()
	served := false // srv.Serve has returned
	select {
	case <-ctx.Done():
	case err = <-errc:
		served = true
	}
	s.events.close()
	// Requests under way get a moment to finish. A browser's connection
	// opened ahead of a request it may never send (Chromium preconnects)
	// counts as busy to Shutdown for 5 s: it is closed when the moment
	// is over, so that Ctrl-C stops at once with a page open.
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if srv.Shutdown(shutdown) != nil {
		_ = srv.Close()
	}
	if !served {
		<-errc // srv.Serve returns once its listener is closed
	}
	w.Close()
	wg.Wait() // no rebuild runs now, nor will: so no check starts
	if s.stopCheck != nil {
		s.stopCheck()
	}
	s.checks.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func (s *Server) logBuild(took time.Duration, problems diag.List, changed []string) {
	what := "built"
	if changed != nil {
		what = "rebuilt (" + summarize(changed) + ")"
	}
	if problems.Err() != nil {
		s.mu.RLock()
		said := s.serving()
		s.mu.RUnlock()
		fmt.Fprintf(s.opts.Log, "%s with errors in %d ms; %s:\n", what, took.Milliseconds(), said)
		for _, p := range problems {
			fmt.Fprintf(s.opts.Log, "  %s\n", p.Error())
		}
		return
	}
	for _, p := range problems { // warnings
		fmt.Fprintf(s.opts.Log, "  %s\n", p.Error())
	}
	left := ""
	s.mu.RLock()
	if out, ok := s.site.(*build.Output); ok {
		left = build.LeftOut(out.Site().Drafts, out.Site().Future)
	}
	s.mu.RUnlock()
	fmt.Fprintf(s.opts.Log, "%s in %d ms%s\n", what, took.Milliseconds(), left)
}

// failedOn reports whether the newest build has an error in the file at
// path (relative to the site folder).
func (s *Server) failedOn(path string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, p := range s.problems {
		if p.Path == path {
			return true
		}
	}
	return false
}

// serving says what is served while the newest build is broken. Called
// with s.mu held.
func (s *Server) serving() string {
	if _, empty := s.site.(none); empty {
		return "nothing to serve until it is fixed"
	}
	if s.partly {
		return "serving it, for want of a build whose every page was made"
	}
	return "serving the last good build"
}

// headline says the same over the pages, as of the build site.
func (s *Server) headline(site files) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	switch _, empty := site.(none); {
	case empty:
		return "The build failed — there is no good build to show yet."
	case s.partly && site == s.site:
		return "Some pages failed to build — this is that build, shown for want of a good one."
	}
	return "The build failed — this is the last good build."
}

func summarize(changed []string) string {
	if len(changed) <= 3 {
		return strings.Join(changed, ", ") + " changed"
	}
	return fmt.Sprintf("%s and %d more changed", strings.Join(changed[:3], ", "), len(changed)-3)
}

// notify tells open pages what happened: new errors, a stylesheet to swap,
// or a reload.
//
// Errors are told errorDelay later, unless a newer build came since: a
// save written in two parts (a file emptied, then written in pieces)
// would otherwise flash them over every open page.
func (s *Server) notify(changed []string, problems diag.List) {
	site, _, n := s.state()
	switch {
	case problems.Err() != nil:
		overlay := overlayWith(problems.Errors(), s.headline(site))
		time.AfterFunc(errorDelay, func() {
			if _, _, now := s.state(); now == n {
				s.events.send(event{name: "errors", data: overlay})
			}
		})
	case cssOnly(changed):
		s.events.send(event{name: "css", data: n})
	default:
		s.events.send(event{name: "reload", data: n})
	}
}

// errorDelay is how long a failed build waits for the next save before
// open pages are told its errors.
const errorDelay = 150 * time.Millisecond

func cssOnly(changed []string) bool {
	for _, c := range changed {
		if !strings.HasPrefix(c, "static/") || !strings.HasSuffix(c, ".css") {
			return false
		}
	}
	return len(changed) > 0
}

func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// shutdownGrace is how long serve waits, once stopped, for the requests
// under way before it closes every connection.
const shutdownGrace = 300 * time.Millisecond
