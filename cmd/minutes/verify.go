package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type verifyOptions struct {
	ID int64
}

// newVerifyCmd checks that finalized minutes are what was approved: the
// rule is app.Verify's.
func newVerifyCmd(f *factory) *cobra.Command {
	opts := &verifyOptions{}
	cmd := &cobra.Command{
		Use:     "verify [ID]",
		Short:   f.T("cmd.verify.short"),
		Long:    f.T("cmd.verify.long"),
		Example: "  minutes verify\n  minutes verify 12\n  minutes --db sao-chep.db verify",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				id, err := parseID(args[0])
				if err != nil {
					return err
				}
				opts.ID = id
			}
			return runVerify(cmd.Context(), f, opts)
		},
	}
	return cmd
}

func runVerify(ctx context.Context, f *factory, opts *verifyOptions) error {
	v, err := f.App().Verify(ctx, opts.ID)
	var e *minutes.Error
	if v == nil || err != nil && !errors.As(err, &e) {
		return err
	}
	for _, m := range v.Findings {
		fmt.Fprintln(f.IO.ErrOut, minutes.ShowBidiControls(f.P.Msg(m)))
	}
	if v.Unsealed > 0 {
		f.say(f.T("verify.unsealed", minutes.Number(v.Unsealed)))
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(f.IO.Out, f.T("verify.ok", minutes.Number(v.Checked)))
	return err
}

var verifyMessages = minutes.Messages{
	"cmd.verify.short": {"Kiểm tra biên bản đã thông qua không bị thay đổi ngoài chương trình", "Check that finalized minutes were not changed outside the program"},
	"cmd.verify.long": {"Tính lại mã kiểm tra (SHA-256) của từng phiên bản đã thông qua từ lịch sử và của bản ghi hiện lưu\n" +
		"(từ các bảng của cơ sở dữ liệu), kiểm tra chuỗi mã nối các phiên bản, và liệt kê mọi chỗ không khớp:\n" +
		"cuộc họp, phiên bản, và điều gì khác. Thoát với mã 0 khi không phát hiện thay đổi, 1 khi có.\n" +
		"Dùng được trên bản sao tệp cơ sở dữ liệu và trên cơ sở dữ liệu khôi phục từ bản sao lưu.",
		"Recomputes the seal (SHA-256) of each finalized version from the history and of the stored record\n" +
			"(from the database's tables), checks the chain that links the versions, and lists every mismatch:\n" +
			"the meeting, the version, and what differs. Exits 0 when nothing changed, 1 when something did.\n" +
			"Works on a copy of the database file and on a database restored from a backup."},
	"verify.ok": {"Đã kiểm tra %s biên bản đã thông qua: không phát hiện thay đổi.", "Checked %s finalized minutes: no change found."},
	"verify.unsealed": {"%s phiên bản được thông qua trước khi có mã kiểm tra: nội dung được so với lịch sử, nhưng lịch sử của chúng không có mã để chứng minh.",
		"%s versions were finalized before seals existed: their record is compared with the history, but no seal proves their history."},
}
