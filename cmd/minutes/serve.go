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
	Addr       string
	Open       bool
	TLSCert    string
	TLSKey     string
	Idle       time.Duration
	TrustProxy bool
	Secure     bool
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
	cmd.Flags().StringVar(&opts.TLSCert, "tls-cert", "", f.T("flag.serve.tls_cert"))
	cmd.Flags().StringVar(&opts.TLSKey, "tls-key", "", f.T("flag.serve.tls_key"))
	cmd.Flags().DurationVar(&opts.Idle, "idle-timeout", web.DefaultIdle, f.T("flag.serve.idle"))
	cmd.Flags().BoolVar(&opts.TrustProxy, "trust-proxy", false, f.T("flag.serve.trust_proxy"))
	cmd.Flags().BoolVar(&opts.Secure, "secure-cookie", false, f.T("flag.serve.secure"))
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
	if (opts.TLSCert == "") != (opts.TLSKey == "") {
		return minutes.Errorm(minutes.EUSAGE, "serve.tls_pair")
	}
	a := f.App()
	if err := a.Ping(ctx); err != nil {
		return err
	}
	// With accounts, every request signs in; without, the server is the
	// local operator's alone, which only loopback keeps true: another
	// machine could read and change every meeting.
	accounts, err := a.AccountsExist(ctx)
	if err != nil {
		return err
	}
	if !accounts && !web.LoopbackHost(host) {
		return minutes.Errorm(minutes.EUSAGE, "serve.not_loopback", opts.Addr, defaultAddr)
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
		Handler: web.New(a, catalog, web.Options{Logf: logf, SignIn: accounts, Idle: opts.Idle,
			TrustProxy: opts.TrustProxy, Secure: opts.Secure || opts.TLSCert != ""}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // an upload of large record files on a slow line
		WriteTimeout:      5 * time.Minute, // a backup or a long quarterly report
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	scheme := "http"
	if opts.TLSCert != "" {
		scheme = "https"
	}
	url := scheme + "://" + ln.Addr().String() + "/"
	fmt.Fprintln(f.IO.Out, url)
	f.say(f.T("serve.listening", url))
	if accounts {
		f.say(f.T("serve.accounts"))
	} else {
		f.say(f.T("serve.local"))
	}
	served := make(chan error, 1)
	go func() {
		if opts.TLSCert != "" {
			served <- srv.ServeTLS(ln, opts.TLSCert, opts.TLSKey)
			return
		}
		served <- srv.Serve(ln)
	}()
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
	"cmd.serve.long": {"Phục vụ giao diện web tiếng Việt cho mọi thao tác (danh sách, tìm kiếm, ghi và sửa biên bản với bản nháp lưu\ntự động, thông qua, sửa đổi, lịch sử, theo dõi kết luận, nhập, sao lưu, in) và API JSON tại /api, trên cùng\ncơ sở dữ liệu (--db). Khi đã có tài khoản (minutes user), mọi người phải đăng nhập; chưa có thì chỉ nghe trên máy này (127.0.0.1).\nCtrl-C dừng máy chủ sau khi các yêu cầu đang xử lý hoàn tất.",
		"Serves the web interface for every operation (list, search, enter and edit minutes with drafts kept as\nyou type, finalize, amend, history, follow-up, import, backup, print) and a JSON API under /api, on the same\ndatabase (--db). Once accounts exist (minutes user), everyone signs in; before, it listens on this machine only (127.0.0.1).\nCtrl-C stops the server once the requests in flight are done."},
	"flag.serve.addr":        {"địa chỉ và cổng để nghe (địa chỉ khác 127.0.0.1, localhost, [::1] cần có tài khoản người dùng)", "address and port to listen on (other than 127.0.0.1, localhost, [::1] needs user accounts)"},
	"flag.serve.open":        {"mở trình duyệt khi máy chủ đã sẵn sàng", "open the browser once the server is ready"},
	"serve.bad_addr":         {"--addr %q không đúng dạng MÁY:CỔNG, ví dụ 127.0.0.1:8080", "--addr %q is not HOST:PORT, such as 127.0.0.1:8080"},
	"serve.not_loopback":     {"không nghe trên %s khi chưa có tài khoản người dùng nào: từ máy khác ai cũng đọc và sửa được mọi biên bản. Hãy tạo tài khoản trước (minutes user add TÊN --role admin), hoặc dùng --addr %s", "will not listen on %s while no user account exists: from another machine anyone could read and change every meeting. Create an account first (minutes user add NAME --role admin), or use --addr %s"},
	"serve.tls_pair":         {"--tls-cert và --tls-key phải đi cùng nhau", "--tls-cert and --tls-key go together"},
	"serve.accounts":         {"Đã có tài khoản: mọi yêu cầu phải đăng nhập (/login) hoặc có mã truy cập API.", "Accounts exist: every request signs in (/login) or carries an API token."},
	"serve.local":            {"Chưa có tài khoản: chỉ máy này dùng được, với toàn quyền (minutes user add để tạo tài khoản).", "No accounts yet: this machine only, with every right (minutes user add creates accounts)."},
	"flag.serve.tls_cert":    {"tệp chứng chỉ TLS (PEM) để phục vụ HTTPS", "TLS certificate file (PEM) to serve HTTPS"},
	"flag.serve.tls_key":     {"tệp khóa riêng TLS (PEM)", "TLS private key file (PEM)"},
	"flag.serve.idle":        {"phiên đăng nhập hết hạn sau khoảng thời gian không dùng này", "a session ends after this long unused"},
	"flag.serve.trust_proxy": {"lấy địa chỉ người dùng từ X-Forwarded-For (khi chạy sau nginx, Caddy)", "take the client's address from X-Forwarded-For (behind nginx, Caddy)"},
	"flag.serve.secure":      {"đánh dấu cookie phiên là Secure (khi proxy phía trước phục vụ HTTPS)", "mark the session cookie Secure (when a proxy in front serves HTTPS)"},
	"serve.listen":           {"không nghe được trên %s: %v (cổng đã có chương trình khác dùng? thử --addr 127.0.0.1:8081)", "cannot listen on %s: %v (is the port in use? try --addr 127.0.0.1:8081)"},
	"serve.listening":        {"Giao diện web đang chạy tại %s — mở địa chỉ này trong trình duyệt; bấm Ctrl-C để dừng.", "The web interface is running at %s — open it in a browser; press Ctrl-C to stop."},
	"serve.no_browser":       {"Không mở được trình duyệt; hãy tự mở %s", "Could not open a browser; open %s yourself"},
	"serve.stopping":         {"Đang dừng máy chủ: chờ các yêu cầu đang xử lý hoàn tất…", "Stopping: letting the requests in flight finish…"},
	"serve.stopped":          {"Đã dừng máy chủ.", "The server has stopped."},
}
