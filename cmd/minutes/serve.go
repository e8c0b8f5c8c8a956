package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/web"
)

type serveOptions struct {
	Addr string
	Open bool
}

const defaultAddr = "127.0.0.1:8080"

func newServeCmd(f *factory) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:     "serve",
		Short:   f.T("cmd.serve.short"),
		Long:    f.T("cmd.serve.long"),
		Example: "  minutes serve\n  minutes serve --open\n  minutes serve --addr 127.0.0.1:9000 --db postgres://…",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", defaultAddr, f.T("flag.serve.addr"))
	cmd.Flags().BoolVar(&opts.Open, "open", false, f.T("flag.serve.open"))
	return cmd
}

// runServe serves the web interface until ctx ends (Ctrl-C, SIGTERM), then
// lets the requests in flight finish: each writes in one transaction, so
// nothing half-written is kept either way.
func runServe(ctx context.Context, f *factory, opts *serveOptions) error {
	host, _, err := net.SplitHostPort(opts.Addr)
	if err != nil {
		return minutes.Errorm(minutes.EUSAGE, "serve.bad_addr", opts.Addr)
	}
	if !web.LoopbackHost(host) {
		// Another machine could read and change every meeting: that needs
		// the accounts of the office server, which do not exist yet.
		return minutes.Errorm(minutes.EUSAGE, "serve.not_loopback", opts.Addr, defaultAddr)
	}
	a := f.App()
	if err := a.Ping(ctx); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return minutes.Errorm(minutes.EUSAGE, "serve.listen", opts.Addr, err)
	}
	var logMu sync.Mutex
	logf := func(format string, args ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(f.IO.ErrOut, time.Now().Format("2006-01-02 15:04:05 ")+format+"\n", args...)
	}
	srv := &http.Server{
		Handler:           web.New(a, catalog, web.Options{Logf: logf}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // an upload of large record files on a slow line
		WriteTimeout:      5 * time.Minute, // a backup or a long quarterly report
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintln(f.IO.Out, url)
	f.say(f.T("serve.listening", url))
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if opts.Open {
		if err := openBrowser(url); err != nil {
			f.say(f.T("serve.no_browser", url))
		}
	}
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	f.say(f.T("serve.stopping"))
	sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	f.say(f.T("serve.stopped"))
	return nil
}

// openBrowser opens url in the user's browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // the browser outlives nothing of ours
	return nil
}

var serveMessages = minutes.Messages{
	"cmd.serve.short": {"Mở giao diện web (và API JSON) cho văn phòng trên máy này", "Serve the web interface (and the JSON API) on this machine"},
	"cmd.serve.long": {"Phục vụ giao diện web tiếng Việt cho mọi thao tác (danh sách, tìm kiếm, ghi và sửa biên bản với bản nháp lưu\ntự động, thông qua, sửa đổi, lịch sử, theo dõi kết luận, nhập, sao lưu, in) và API JSON tại /api, trên cùng\ncơ sở dữ liệu (--db). Chỉ nghe trên máy này (127.0.0.1) cho đến khi có tài khoản người dùng.\nCtrl-C dừng máy chủ sau khi các yêu cầu đang xử lý hoàn tất.",
		"Serves the web interface for every operation (list, search, enter and edit minutes with drafts kept as\nyou type, finalize, amend, history, follow-up, import, backup, print) and a JSON API under /api, on the same\ndatabase (--db). It listens on this machine only (127.0.0.1) until user accounts exist.\nCtrl-C stops the server once the requests in flight are done."},
	"flag.serve.addr":    {"địa chỉ và cổng để nghe (chỉ trên máy này: 127.0.0.1, localhost, [::1])", "address and port to listen on (this machine only: 127.0.0.1, localhost, [::1])"},
	"flag.serve.open":    {"mở trình duyệt khi máy chủ đã sẵn sàng", "open the browser once the server is ready"},
	"serve.bad_addr":     {"--addr %q không đúng dạng MÁY:CỔNG, ví dụ 127.0.0.1:8080", "--addr %q is not HOST:PORT, such as 127.0.0.1:8080"},
	"serve.not_loopback": {"không nghe trên %s: từ máy khác ai cũng đọc và sửa được mọi biên bản, nên cần có tài khoản người dùng (máy chủ cho cả cơ quan, chưa có trong phiên bản này); hãy dùng --addr %s", "will not listen on %s: from another machine anyone could read and change every meeting, which needs user accounts (the office server, not in this version yet); use --addr %s"},
	"serve.listen":       {"không nghe được trên %s: %v (cổng đã có chương trình khác dùng? thử --addr 127.0.0.1:8081)", "cannot listen on %s: %v (is the port in use? try --addr 127.0.0.1:8081)"},
	"serve.listening":    {"Giao diện web đang chạy tại %s — mở địa chỉ này trong trình duyệt; bấm Ctrl-C để dừng.", "The web interface is running at %s — open it in a browser; press Ctrl-C to stop."},
	"serve.no_browser":   {"Không mở được trình duyệt; hãy tự mở %s", "Could not open a browser; open %s yourself"},
	"serve.stopping":     {"Đang dừng máy chủ: chờ các yêu cầu đang xử lý hoàn tất…", "Stopping: letting the requests in flight finish…"},
	"serve.stopped":      {"Đã dừng máy chủ.", "The server has stopped."},
}
