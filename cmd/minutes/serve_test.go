package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer that a running server and a test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeRefusesOtherMachines(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "m.db")
	for _, addr := range []string{"0.0.0.0:8080", ":8080", "192.168.1.10:8080", "[::]:8080"} {
		r := runCLI(t, dsn, "", []string{"serve", "--addr", addr})
		if r.code != exitUsage || !strings.Contains(r.errOut, "tài khoản người dùng") || !strings.Contains(r.errOut, "127.0.0.1:8080") {
			t.Errorf("serve --addr %s: exit %d\n%s", addr, r.code, r.errOut)
		}
	}
	if r := runCLI(t, dsn, "", []string{"serve", "--addr", "localhost"}); r.code != exitUsage || !strings.Contains(r.errOut, "MÁY:CỔNG") {
		t.Errorf("serve --addr localhost: exit %d\n%s", r.code, r.errOut)
	}
}

// TestServeStartsAndStops runs serve on a free port: it prints its
// address, answers, and stops cleanly when its context ends (Ctrl-C).
func TestServeStartsAndStops(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "m.db")
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		streams := &IO{In: strings.NewReader(""), Out: out, ErrOut: errOut}
		done <- Execute(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, streams, func(k string) string {
			if k == "MINUTES_DB" {
				return dsn
			}
			return ""
		})
	}()
	var url string
	for deadline := time.Now().Add(20 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		url = strings.TrimSpace(out.String())
	}
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		cancel()
		t.Fatalf("serve printed %q\n%s", url, errOut.String())
	}
	for _, path := range []string{"healthz", "meetings"} {
		res, err := http.Get(url + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || (path == "meetings" && !strings.Contains(string(b), "Danh sách cuộc họp")) {
			t.Errorf("GET /%s: %d %.200s", path, res.StatusCode, b)
		}
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(errOut.String(), "Đã dừng máy chủ.") {
			t.Errorf("after Ctrl-C: exit %d\n%s", code, errOut.String())
		}
	case <-time.After(35 * time.Second):
		t.Fatal("serve did not stop")
	}
}
