package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type finalizeOptions struct {
	ID       int64
	Yes      bool
	Number   string
	NoNumber bool
}

// newFinalizeCmd approves minutes. Minutes without a number take one as
// they are approved: the next free number of the register, offered on a
// terminal where the secretary may type another (--number gives it,
// --no-number leaves the minutes without one).
func newFinalizeCmd(f *factory) *cobra.Command {
	opts := &finalizeOptions{}
	cmd := &cobra.Command{
		Use:   "finalize ID",
		Short: f.T("cmd.finalize.short"),
		Long:  f.T("cmd.finalize.long"),
		Example: "  minutes finalize 12\n  minutes finalize 12 --yes\n  minutes finalize 12 --number 16-BB/TU\n" +
			"  minutes finalize 12 --yes --no-number",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if !opts.Yes && !f.IO.InTTY {
				return minutes.Errorm(minutes.EUSAGE, "finalize.need_yes")
			}
			if opts.Number != "" && opts.NoNumber {
				return minutes.Errorm(minutes.EUSAGE, "finalize.number_or_none")
			}
			opts.ID = id
			return runFinalize(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.BoolVarP(&opts.Yes, "yes", "y", false, f.T("flag.yes"))
	fl.StringVar(&opts.Number, "number", "", f.T("flag.finalize.number"))
	fl.BoolVar(&opts.NoNumber, "no-number", false, f.T("flag.finalize.no_number"))
	return cmd
}

func runFinalize(ctx context.Context, f *factory, opts *finalizeOptions) error {
	a := f.App()
	m, err := a.Meeting(ctx, opts.ID)
	if err != nil {
		return err
	}
	if err := m.CheckFinalize(0); err != nil {
		return err
	}
	var req minutes.NumberRequest
	switch {
	case m.Number != "" && opts.Number != "":
		return minutes.Errorm(minutes.EUSAGE, "finalize.has_number", m.ID, m.Number)
	case m.Number != "" || opts.NoNumber:
	case opts.Number != "":
		req.Number = minutes.Clean(opts.Number)
	default:
		propose := func(ctx context.Context) (minutes.DocNumber, error) {
			return a.ProposeNumber(ctx, m.Organization, m.Header, minutes.TypeMinutes, m.Date)
		}
		if _, err := propose(ctx); err != nil {
			// No abbreviation known: approved without a number, and told how.
			f.say(f.P.Error(err))
			break
		}
		if opts.Yes {
			req.Next = true
		} else {
			req = askNumber(ctx, f, minutes.M("doctype.minutes"), propose)
		}
	}
	if !confirm(f, opts.Yes, f.T("finalize.confirm", m.ID, m.Date.Short(), m.Title)) {
		f.say(f.T("finalize.cancelled"))
		return errSilent
	}
	// The version seen in the prompt: a change made meanwhile cancels, so
	// that nobody approves text they have not read.
	if err := a.FinalizeNumbered(ctx, m.ID, m.Version, req); err != nil {
		return err
	}
	if !req.IsZero() {
		if got, err := a.Meeting(ctx, m.ID); err == nil && got.Number != "" {
			f.say(f.T("issue.numbered", minutes.M("doctype.minutes"), got.Number))
		}
	}
	f.say(f.T("finalize.done", m.ID, m.Version+1, m.ID))
	return nil
}

var finalizeMessages = minutes.Messages{
	"cmd.finalize.short": {"Thông qua biên bản: từ đó biên bản chỉ đọc", "Approve the minutes: from then on they are read-only"},
	"cmd.finalize.long": {
		"Thông qua biên bản của một cuộc họp (bản nháp). Ghi lại người thông qua và thời điểm.\n" +
			"Sau khi thông qua, biên bản không sửa, không xóa được nữa — kể cả bằng chương trình khác ghi thẳng vào cơ sở dữ liệu;\n" +
			"muốn sửa phải dùng minutes amend kèm lý do, mỗi lần sửa là một phiên bản mới được lưu lại.\n" +
			"Biên bản chưa có số được lấy số tiếp theo trong sổ đăng ký (Số 16-BB/TU sau số 15); trên bàn phím được hỏi và có thể gõ số khác.\n" +
			"Hỏi xác nhận trên bàn phím; --yes để bỏ qua (bắt buộc khi chạy trong tập lệnh).",
		"Approves the minutes of a meeting (a draft), recording who approved them and when.\n" +
			"Finalized minutes cannot be edited or deleted — not even by another program writing to the database;\n" +
			"they change only through minutes amend with a reason, each amendment kept as a new version.\n" +
			"Minutes without a number take the next one of the register (16-BB/TU after 15); a terminal asks, and another may be typed.\n" +
			"Asks for confirmation on a terminal; --yes skips it (required in scripts)."},
	"flag.finalize.number":    {"số của biên bản chưa có số, ví dụ 16-BB/TU (mặc định: số tiếp theo trong sổ)", "the number of minutes that have none, such as 16-BB/TU (default: the register's next)"},
	"flag.finalize.no_number": {"thông qua mà không lấy số", "approve without taking a number"},
	"finalize.number_or_none": {"dùng --number hoặc --no-number, không dùng cả hai", "use --number or --no-number, not both"},
	"finalize.has_number":     {"biên bản cuộc họp %d đã có số %s", "the minutes of meeting %d already have the number %s"},
	"finalize.need_yes":       {"không có bàn phím để xác nhận; thêm --yes để thông qua", "no terminal to confirm on; add --yes to finalize"},
	"finalize.confirm":        {"Thông qua biên bản cuộc họp số %d (%s) «%s»? Sau đó chỉ sửa được bằng minutes amend kèm lý do. [c/K]", "Finalize the minutes of meeting %d (%s) «%s»? After that they change only through minutes amend with a reason. [y/N]"},
	"finalize.cancelled":      {"Đã hủy, biên bản vẫn là bản nháp.", "Cancelled, the minutes are still a draft."},
	"finalize.done":           {"Đã thông qua biên bản cuộc họp số %d (phiên bản %d). Muốn sửa: minutes amend %d --reason \"lý do\"", "Finalized the minutes of meeting %d (version %d). To change them: minutes amend %d --reason \"why\""},
}
