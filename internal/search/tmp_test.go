package search_test
import ("testing";"syscall";"time";"runtime";"github.com/signaldigest/signal/internal/search")
func cpu() time.Duration { var r syscall.Rusage; syscall.Getrusage(syscall.RUSAGE_SELF, &r); return time.Duration(r.Utime.Nano()+r.Stime.Nano()) }
func TestTmpSpeed(t *testing.T){
	s := corpusSite(t, 10000)
	for r := 0; r < 4; r++ {
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c0 := cpu(); w0 := time.Now()
	search.Write(s, &counting{})
	c1 := cpu(); w := time.Since(w0)
	runtime.ReadMemStats(&m1)
	t.Logf("write cpu %v wall %v alloc %.1f MB", c1-c0, w, float64(m1.TotalAlloc-m0.TotalAlloc)/1e6)
	}
}
