package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type finalizeOptions struct {
	ID  int64
	Yes bool
}

func newFinalizeCmd(f *factory) *cobra.Command {
	opts := &finalizeOptions{}
	cmd := &cobra.Command{
		Use:     "finalize ID",
		Short:   f.T("cmd.finalize.short"),
		Long:    f.T("cmd.finalize.long"),
		Example: "  minutes finalize 12\n  minutes finalize 12 --yes",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if !opts.Yes && !f.IO.InTTY {
				return minutes.Errorm(minutes.EUSAGE, "finalize.need_yes")
			}
			return runFinalize(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, f.T("flag.yes"))
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
	if !confirm(f, opts.Yes, f.T("finalize.confirm", m.ID, m.Date.Short(), m.Title)) {
		f.say(f.T("finalize.cancelled"))
		return errSilent
	}
	// The version seen in the prompt: a change made meanwhile cancels, so
	// that nobody approves text they have not read.
	if err := a.Finalize(ctx, m.ID, m.Version); err != nil {
		return err
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
			"Hỏi xác nhận trên bàn phím; --yes để bỏ qua (bắt buộc khi chạy trong tập lệnh).",
		"Approves the minutes of a meeting (a draft), recording who approved them and when.\n" +
			"Finalized minutes cannot be edited or deleted — not even by another program writing to the database;\n" +
			"they change only through minutes amend with a reason, each amendment kept as a new version.\n" +
			"Asks for confirmation on a terminal; --yes skips it (required in scripts)."},
	"finalize.need_yes":  {"không có bàn phím để xác nhận; thêm --yes để thông qua", "no terminal to confirm on; add --yes to finalize"},
	"finalize.confirm":   {"Thông qua biên bản cuộc họp số %d (%s) «%s»? Sau đó chỉ sửa được bằng minutes amend kèm lý do. [c/K]", "Finalize the minutes of meeting %d (%s) «%s»? After that they change only through minutes amend with a reason. [y/N]"},
	"finalize.cancelled": {"Đã hủy, biên bản vẫn là bản nháp.", "Cancelled, the minutes are still a draft."},
	"finalize.done":      {"Đã thông qua biên bản cuộc họp số %d (phiên bản %d). Muốn sửa: minutes amend %d --reason \"lý do\"", "Finalized the minutes of meeting %d (version %d). To change them: minutes amend %d --reason \"why\""},
}
