package serve

import "time"

// SetTimeouts shortens the server's timeouts for a test, until it returns
// the function that restores them.
func SetTimeouts(header, read, write, idle time.Duration) (restore func()) {
	old := timeouts
	timeouts.header, timeouts.read, timeouts.write, timeouts.idle = header, read, write, idle
	return func() { timeouts = old }
}
