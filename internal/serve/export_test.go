package serve

import "time"

// SetTimeouts shortens the server's timeouts for a test, until it returns
// the function that restores them.
func SetTimeouts(header, read, write, idle time.Duration) (restore func()) {
	old := timeouts
	timeouts.header, timeouts.read, timeouts.write, timeouts.idle = header, read, write, idle
	return func() { timeouts = old }
}

// WaitChecks waits until the checks of every page begun so far are done:
// with no save in between, the check of the build being served.
func (s *Server) WaitChecks() { s.checks.Wait() }

// SetEmptyWait sets how long an emptied digest waits for its next write,
// until it returns the function that restores it: a test's two writes
// may be further apart than a person's editor makes them on a loaded
// machine.
func SetEmptyWait(d time.Duration) (restore func()) {
	old := emptyWait
	emptyWait = d
	return func() { emptyWait = old }
}
