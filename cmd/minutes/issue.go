package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
)

// issueFlags are the flags of a document that is issued (the notice of
// conclusions, a report): its number, and its signer and Nơi nhận when
// they are not the record's or the office's (minutes config signer_*,
// recipients).
type issueFlags struct {
	Issue           bool
	Number          string
	SignerAuthority string
	SignerFor       string
	SignerTitle     string
	SignerName      string
	Recipients      []string
}

func (o *issueFlags) register(f *factory, cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.BoolVar(&o.Issue, "issue", false, f.T("flag.issue"))
	fl.StringVar(&o.Number, "number", "", f.T("flag.number"))
	fl.StringVar(&o.SignerAuthority, "signer-authority", "", f.T("flag.signer_authority"))
	fl.StringVar(&o.SignerFor, "signer-for", "", f.T("flag.signer_for"))
	fl.StringVar(&o.SignerTitle, "signer-title", "", f.T("flag.signer_title"))
	fl.StringVar(&o.SignerName, "signer-name", "", f.T("flag.signer_name"))
	fl.StringArrayVar(&o.Recipients, "recipient", nil, f.T("flag.recipient"))
}

// signer is the signer the flags give; nil when they give none. EUSAGE
// for parts of a signer without a name.
func (o *issueFlags) signer() (*minutes.Signer, error) {
	if o.SignerName == "" {
		if o.SignerAuthority != "" || o.SignerFor != "" || o.SignerTitle != "" {
			return nil, minutes.Errorm(minutes.EUSAGE, "issue.signer_name")
		}
		return nil, nil
	}
	s := &minutes.Signer{Authority: minutes.Clean(o.SignerAuthority), For: minutes.Clean(o.SignerFor),
		Title: minutes.Clean(o.SignerTitle), Name: minutes.Clean(o.SignerName)}
	if s.Authority != "" {
		if _, ok := minutes.ParseAuthority(s.Authority); !ok {
			return nil, minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--signer-authority", minutes.M("signer.authority", s.Authority))
		}
		if s.For == "" {
			return nil, minutes.Errorm(minutes.EUSAGE, "cli.bad_flag", "--signer-for", minutes.M("signer.for_required", s.Authority))
		}
	}
	return s, nil
}

// resolve turns the flags into an Issue. With --issue and no --number, a
// terminal is offered the next free number, which the secretary accepts
// with Enter or replaces by typing another; elsewhere the next free one
// is taken, counted when it is registered.
func (o *issueFlags) resolve(ctx context.Context, f *factory, what minutes.Msg, propose func(ctx context.Context) (minutes.DocNumber, error)) (app.Issue, error) {
	var is app.Issue
	var err error
	if is.Signer, err = o.signer(); err != nil {
		return is, err
	}
	for _, r := range o.Recipients {
		is.Recipients = append(is.Recipients, minutes.SplitList(r)...)
	}
	switch {
	case o.Number != "":
		is.Number = minutes.NumberRequest{Number: minutes.Clean(o.Number)}
	case o.Issue:
		is.Number = askNumber(ctx, f, what, propose)
	}
	return is, nil
}

// askNumber offers the next free number on a terminal: Enter takes it
// (as "the next free one", so that a number taken meanwhile by another
// secretary gives this one the next), anything typed replaces it.
func askNumber(ctx context.Context, f *factory, what minutes.Msg, propose func(ctx context.Context) (minutes.DocNumber, error)) minutes.NumberRequest {
	next := minutes.NumberRequest{Next: true}
	if !f.IO.InTTY {
		return next
	}
	n, err := propose(ctx)
	if err != nil {
		return next // the store says why when it takes one
	}
	fmt.Fprint(f.IO.ErrOut, f.T("issue.ask_number", what, n.String())+" ")
	if typed := f.readLine(); typed != "" && typed != n.String() {
		return minutes.NumberRequest{Number: typed}
	}
	return next
}

var issueMessages = minutes.Messages{
	"flag.issue":            {"ban hành: lấy số tiếp theo trong sổ đăng ký (trên màn hình terminal được hỏi, có thể gõ số khác)", "issue it: take the next number of the register (asked on a terminal, where another may be typed)"},
	"flag.number":           {"ban hành với số này, ví dụ 25-TB/TU hoặc 12/BC-UBND", "issue it with this number, such as 25-TB/TU or 12/BC-UBND"},
	"flag.signer_authority": {"thể thức đề ký: T/M, K/T, T/L (văn bản của Đảng) hoặc TM., KT., TL., TUQ. (mặc định theo minutes config)", "signing authority: T/M, K/T, T/L (Party) or TM., KT., TL., TUQ. (State) (default from minutes config)"},
	"flag.signer_for":       {"ký thay mặt, thay, thừa lệnh ai: Ban Thường vụ, Chủ tịch…", "signed on behalf of, for, by order of whom: Ban Thường vụ, Chủ tịch…"},
	"flag.signer_title":     {"chức vụ người ký, ví dụ Phó Bí thư, Chánh Văn phòng", "the signer's title, such as Phó Bí thư, Chánh Văn phòng"},
	"flag.signer_name":      {"họ tên người ký", "the signer's name"},
	"flag.recipient":        {"nơi nhận (nhắc lại tùy chọn cho từng nơi, hoặc ngăn bằng ;)", "a recipient (repeat the flag, or separate with ;)"},
	"issue.signer_name":     {"cần họ tên người ký: --signer-name", "the signer's name is needed: --signer-name"},
	"issue.ask_number":      {"Số %s [%s]:", "Number of the %s [%s]:"},
	"issue.numbered":        {"Số %s: %s", "Number of the %s: %s"},
	"issue.draft":           {"Chưa có số (bản dự thảo, để trống số cho văn thư): muốn lấy số, thêm --issue hoặc --number", "No number yet (a draft, its number left blank for the registry): to take one, add --issue or --number"},
	"issue.no_signer":       {"chưa có người ký: ghi vào biên bản (notice.signer), dùng --signer-name… hoặc đặt minutes config set signer_name …", "no signer: put one in the record (notice.signer), give --signer-name… or set minutes config set signer_name …"},
	"issue.no_recipients":   {"chưa có nơi nhận: dùng --recipient hoặc đặt minutes config set recipients \"Ban Thường vụ Tỉnh ủy; Lưu Văn phòng\"", "no recipients: give --recipient or set minutes config set recipients \"Ban Thường vụ Tỉnh ủy; Lưu Văn phòng\""},
}
