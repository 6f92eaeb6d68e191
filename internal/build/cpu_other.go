//go:build !unix

package build

import (
	"runtime/metrics"
	"time"
)

// processCPU is the runtime's estimate of the CPU time the process has used,
// where the system gives none: it is added up at each collection.
func processCPU() time.Duration {
	s := []metrics.Sample{{Name: "/cpu/classes/total:cpu-seconds"}, {Name: "/cpu/classes/idle:cpu-seconds"}}
	metrics.Read(s)
	return time.Duration((s[0].Value.Float64() - s[1].Value.Float64()) * float64(time.Second))
}
