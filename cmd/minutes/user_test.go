package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestUserCommands: accounts from the command line, each refusal with its
// exit status, and the password never printed.
func TestUserCommands(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "m.db")
	pw := "mật khẩu của Phượng\n"
	r := runCLI(t, dsn, pw, []string{"user", "add", "phuong", "--role", "secretary", "--org", "Thành ủy Sóc Trăng", "--password-stdin"})
	if r.code != 0 || !strings.Contains(r.errOut, "Đã tạo tài khoản phuong (secretary) thuộc: Thành ủy Sóc Trăng") {
		t.Fatalf("user add: %d %s", r.code, r.errOut)
	}
	for _, c := range []struct {
		args  []string
		stdin string
		code  int
		says  string
	}{
		{[]string{"user", "add", "ngan", "--role", "viewer", "--org", "X", "--password-stdin"}, "ngan\n", exitInvalid, "ít nhất 10 ký tự"},
		{[]string{"user", "add", "x", "--role", "chief", "--org", "X", "--password-stdin"}, pw, exitUsage, "không có"},
		{[]string{"user", "add", "x", "--role", "viewer", "--password-stdin"}, pw, exitUsage, "ít nhất một tổ chức"},
		{[]string{"user", "add", "phuong", "--role", "viewer", "--org", "X", "--password-stdin"}, pw, exitConflict, "đã có người dùng"},
		{[]string{"user", "add", "x", "--role", "viewer", "--org", "X"}, "", exitUsage, "--password-stdin"},
		{[]string{"user", "passwd", "nobody", "--password-stdin"}, pw, exitNotFound, "không có người dùng"},
		{[]string{"history"}, "", exitUsage, "--audit"},
	} {
		r := runCLI(t, dsn, c.stdin, c.args)
		if r.code != c.code || !strings.Contains(r.errOut, c.says) {
			t.Errorf("minutes %s: exit %d, want %d saying %q\n%s", strings.Join(c.args, " "), r.code, c.code, c.says, r.errOut)
		}
		if strings.Contains(r.errOut+r.out, strings.TrimSpace(c.stdin)) && c.stdin != "" {
			t.Errorf("minutes %s printed the password", strings.Join(c.args, " "))
		}
	}
	if out := mustRun(t, dsn, "user", "list"); !strings.Contains(out, "phuong") || !strings.Contains(out, "secretary") {
		t.Fatalf("user list:\n%s", out)
	}
	mustRun(t, dsn, "user", "roles", "phuong", "--role", "approver")
	token := strings.TrimSpace(mustRun(t, dsn, "user", "token", "phuong"))
	if len(token) != 43 {
		t.Fatalf("token %q", token)
	}
	mustRun(t, dsn, "user", "disable", "phuong")
	if out := mustRun(t, dsn, "user", "list"); !strings.Contains(out, "approver") || !strings.Contains(out, "đã khóa") {
		t.Fatalf("user list after disable:\n%s", out)
	}
	out := mustRun(t, dsn, "history", "--audit")
	for _, a := range []string{"user_added", "role_changed", "token_created", "user_disabled"} {
		if !strings.Contains(out, a) {
			t.Errorf("history --audit lacks %s:\n%s", a, out)
		}
	}
	if strings.Contains(out, strings.TrimSpace(pw)) {
		t.Fatal("the audit holds the password")
	}
}

// TestServeWithAccounts: with an account, serve listens on the office
// network, over TLS with --tls-cert/--tls-key, and every page needs sign-in.
func TestServeWithAccounts(t *testing.T) {
	dir := t.TempDir()
	dsn := filepath.Join(dir, "m.db")
	pw := "mật khẩu quản trị"
	if r := runCLI(t, dsn, pw+"\n", []string{"user", "add", "admin", "--role", "admin", "--password-stdin"}); r.code != 0 {
		t.Fatal(r.errOut)
	}
	cert, key := selfSigned(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	out, errOut := &syncBuffer{}, &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		streams := &IO{In: strings.NewReader(""), Out: out, ErrOut: errOut}
		done <- Execute(ctx, []string{"serve", "--addr", "0.0.0.0:0", "--tls-cert", cert, "--tls-key", key}, streams, func(k string) string {
			if k == "MINUTES_DB" {
				return dsn
			}
			return ""
		})
	}()
	defer func() {
		cancel()
		<-done
	}()
	var printed string
	for deadline := time.Now().Add(20 * time.Second); printed == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		printed = strings.TrimSpace(out.String())
	}
	u, err := url.Parse(printed)
	if err != nil || u.Scheme != "https" {
		t.Fatalf("serve printed %q\n%s", printed, errOut.String())
	}
	_, port, _ := net.SplitHostPort(u.Host)
	base := "https://127.0.0.1:" + port
	client := &http.Client{
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, //nolint:gosec // our own test certificate
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.Get(base + "/meetings")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Fatalf("signed out: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, err = client.PostForm(base+"/login", url.Values{"username": {"admin"}, "password": {pw}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == "minutes_session" {
			session = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || session == nil || !session.Secure || !session.HttpOnly {
		t.Fatalf("sign in over TLS: %d %+v", res.StatusCode, session)
	}
	req, _ := http.NewRequest("GET", base+"/api/meetings", nil)
	req.AddCookie(session)
	if res, err = client.Do(req); err != nil || res.StatusCode != 200 {
		t.Fatalf("signed in: %v %v", err, res)
	}
	res.Body.Close()
	if !strings.Contains(errOut.String(), "đăng nhập") {
		t.Errorf("serve does not say sign-in is required:\n%s", errOut.String())
	}
}

func selfSigned(t *testing.T, dir string) (certFile, keyFile string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "minutes test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(k)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	_ = os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	_ = os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

// TestActAs: --as runs the command line with an account's role and
// organisations instead of as the local operator.
func TestActAs(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "m.db")
	mustRun(t, dsn, "import", "../../examples/")
	if r := runCLI(t, dsn, "mật khẩu thư ký\n", []string{"user", "add", "thuky", "--role", "secretary", "--org", "Thành ủy Sóc Trăng", "--password-stdin"}); r.code != 0 {
		t.Fatal(r.errOut)
	}
	all := mustRun(t, dsn, "list", "-o", "csv")
	own := mustRun(t, dsn, "--as", "thuky", "list", "-o", "csv")
	if !strings.Contains(all, "Phú Mỹ") || strings.Contains(own, "Phú Mỹ") || !strings.Contains(own, "Thành ủy Sóc Trăng") {
		t.Fatalf("--as thuky lists:\n%s", own)
	}
	r := runCLI(t, dsn, "", []string{"--as", "thuky", "finalize", "1", "--yes", "--no-number"})
	if r.code != exitFailure || !strings.Contains(r.errOut, "secretary") {
		t.Fatalf("a secretary finalizing: %d %s", r.code, r.errOut)
	}
	r = runCLI(t, dsn, "", []string{"history", "--audit"}, "MINUTES_USER=thuky")
	if r.code != exitFailure || !strings.Contains(r.errOut, "secretary") {
		t.Fatalf("a secretary reading the audit: %d %s", r.code, r.errOut)
	}
	if r := runCLI(t, dsn, "", []string{"--as", "nobody", "list"}); r.code != exitNotFound {
		t.Fatalf("--as nobody: %d", r.code)
	}
}
