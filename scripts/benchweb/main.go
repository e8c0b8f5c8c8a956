// Command benchweb loads a running minutes serve with vegeta: for each
// named target set, a fixed number of concurrent clients, each sending its
// next request as soon as the last is answered (or, with -rate, as many
// requests a second as asked, from at most that many clients at once), for
// a fixed time. It prints
// one table row per set: requests, throughput, latencies and errors.
// Loopback only: it refuses any other address.
//
//	go run ./scripts/benchweb -base http://127.0.0.1:8090 -clients 50 -duration 60s \
//	    list=/meetings search=/meetings?q=phu+my+ocop api=/api/meetings?search=ocop&limit=50
//
// A set may list several paths separated by commas; they are sent in turn.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8090", "the server, on loopback")
	clients := flag.Uint64("clients", 50, "concurrent clients")
	duration := flag.Duration("duration", 60*time.Second, "how long each set is sent")
	rate := flag.Int("rate", 0, "requests per second from all clients together; 0: each client asks again as soon as answered")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || u.Hostname() == "" {
		fail("bad -base %q", *base)
	}
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fail("-base must be a loopback address, not %s", u.Hostname())
	}
	fmt.Printf("| set | requests | per second | p50 | p95 | p99 | max | errors |\n|---|---|---|---|---|---|---|---|\n")
	bad := false
	for _, arg := range flag.Args() {
		name, paths, ok := strings.Cut(arg, "=")
		if !ok {
			fail("a set is NAME=PATH[,PATH…], not %q", arg)
		}
		var targets []vegeta.Target
		for _, p := range strings.Split(paths, ",") {
			targets = append(targets, vegeta.Target{Method: http.MethodGet, URL: *base + p,
				Header: http.Header{"Accept-Language": {"vi"}}})
		}
		atk := vegeta.NewAttacker(vegeta.Workers(*clients), vegeta.MaxWorkers(*clients),
			vegeta.Connections(int(*clients)), vegeta.KeepAlive(true), vegeta.Timeout(30*time.Second))
		var m vegeta.Metrics
		for res := range atk.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{Freq: *rate, Per: time.Second}, *duration, name) {
			m.Add(res)
		}
		m.Close()
		errs := len(m.Errors)
		if m.Success < 1 {
			bad = true
		}
		fmt.Printf("| %s | %d | %.0f | %s | %s | %s | %s | %d (%.2f%% not 2xx) |\n", name, m.Requests, m.Throughput,
			ms(m.Latencies.P50), ms(m.Latencies.P95), ms(m.Latencies.P99), ms(m.Latencies.Max), errs, 100*(1-m.Success))
		for _, e := range m.Errors {
			fmt.Fprintln(os.Stderr, name+": "+e)
		}
	}
	if bad {
		os.Exit(1)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "benchweb: "+format+"\n", args...)
	os.Exit(2)
}
