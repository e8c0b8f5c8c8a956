package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

type amendOptions struct {
	ID     int64
	Reason string
}

func newAmendCmd(f *factory) *cobra.Command {
	opts := &amendOptions{}
	cmd := &cobra.Command{
		Use:   "amend ID --reason TEXT",
		Short: f.T("cmd.amend.short"),
		Long:  f.T("cmd.amend.long"),
		Example: "  minutes amend 12 --reason \"sửa tên đồng chí chủ trì theo ý kiến Thường trực\"\n" +
			"  EDITOR=nano minutes amend 12 --reason \"bổ sung nơi nhận\"",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			// Checked before the editor opens, so that nothing typed is
			// refused afterwards for want of a reason.
			if opts.Reason = minutes.Clean(opts.Reason); opts.Reason == "" {
				return minutes.Errorm(minutes.EUSAGE, "amend.need_reason", id)
			}
			return runAmend(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Reason, "reason", "", f.T("flag.amend.reason"))
	return cmd
}

func runAmend(ctx context.Context, f *factory, opts *amendOptions) error {
	a := f.App()
	m, err := a.ForAmend(ctx, opts.ID)
	if err != nil {
		return err
	}
	return editAndSave(f, m, "amend.done", func(n *minutes.Meeting) error { return a.Amend(ctx, n, opts.Reason) })
}

var amendMessages = minutes.Messages{
	"cmd.amend.short": {"Sửa đổi biên bản đã thông qua, thành phiên bản mới có ghi lý do", "Change finalized minutes as a new version, with the reason kept"},
	"cmd.amend.long": {
		"Mở biên bản đã thông qua trong $EDITOR như minutes edit. Khi lưu, thay đổi thành một phiên bản mới;\n" +
			"lý do (--reason, bắt buộc), người sửa, thời điểm và các trường đã đổi được ghi vào lịch sử (minutes history).\n" +
			"Các phiên bản trước vẫn xem và in lại được: minutes show ID --version N, minutes export ID --version N.",
		"Opens finalized minutes in $EDITOR as minutes edit does. On save the change becomes a new version;\n" +
			"the reason (--reason, required), who, when and the fields changed go into the history (minutes history).\n" +
			"Earlier versions stay available: minutes show ID --version N, minutes export ID --version N."},
	"flag.amend.reason": {"lý do sửa đổi (bắt buộc), được lưu vào lịch sử", "why the minutes are amended (required), kept in the history"},
	"amend.need_reason": {"phải ghi lý do sửa đổi: minutes amend %d --reason \"lý do\"", "give the reason for the amendment: minutes amend %d --reason \"why\""},
	"amend.done":        {"Đã lưu sửa đổi biên bản cuộc họp số %d (phiên bản %d).", "Amended the minutes of meeting %d (version %d)."},
}
