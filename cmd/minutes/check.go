package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
)

// newCheckCmd runs the database's own integrity check: damage in the middle
// of a SQLite file goes unnoticed until a query happens to read it.
func newCheckCmd(f *factory) *cobra.Command {
	return &cobra.Command{
		Use:     "check",
		Short:   f.T("cmd.check.short"),
		Long:    f.T("cmd.check.long"),
		Example: "  minutes check\n  minutes check --db postgres://…",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), f)
		},
	}
}

func runCheck(ctx context.Context, f *factory) error {
	in, err := f.App().Check(ctx)
	if err != nil {
		return err
	}
	out := f.IO.Out
	fmt.Fprintln(out, f.T("check.checked"))
	for _, m := range in.Checked {
		fmt.Fprintln(out, "  - "+f.P.Msg(m))
	}
	if in.OK() {
		fmt.Fprintln(out, f.T("check.ok"))
		return nil
	}
	n := len(in.Problems) + in.Unlisted
	fmt.Fprintln(out, f.T("check.found", n))
	for _, p := range in.Problems {
		fmt.Fprintln(out, "  ! "+minutes.ShowBidiControls(p))
	}
	if in.Unlisted > 0 {
		fmt.Fprintln(out, "  "+f.T("check.more", in.Unlisted))
	}
	f.say(f.T("check.damaged"))
	return errSilent
}

var checkMessages = minutes.Messages{
	"cmd.check.short": {"Kiểm tra cơ sở dữ liệu có bị hỏng không", "Check the database for damage"},
	"cmd.check.long": {
		"Chạy phép kiểm tra toàn vẹn của chính cơ sở dữ liệu: với SQLite, mọi trang và mọi chỉ mục của tệp\n" +
			"(chỗ hỏng ở giữa tệp thường không lộ ra cho đến khi có lệnh đọc đúng chỗ đó); với PostgreSQL, đọc toàn bộ\n" +
			"mọi bảng và, khi có tiện ích amcheck, kiểm tra mọi chỉ mục. Không ghi gì vào cơ sở dữ liệu.\n" +
			"Trạng thái thoát 0 khi không có lỗi, 1 khi phát hiện hỏng.\n" +
			"Kiểm tra nội dung biên bản đã thông qua có bị sửa ngoài chương trình không là việc của minutes verify.",
		"Runs the database's own integrity check: for SQLite, every page and index of the file (damage in the\n" +
			"middle of a file often shows only when a command happens to read that place); for PostgreSQL, every\n" +
			"table read whole and, with the amcheck extension, every index checked. Writes nothing.\n" +
			"Exit status 0 when nothing is wrong, 1 when damage is found.\n" +
			"Whether finalized minutes were changed behind the program's back is minutes verify's job."},
	"check.checked": {"Đã kiểm tra:", "Checked:"},
	"check.ok":      {"Không phát hiện lỗi.", "Nothing is wrong."},
	"check.found":   {"Phát hiện %d lỗi:", "Found %d faults:"},
	"check.more":    {"… và %d lỗi khác", "… and %d more"},
	"check.damaged": {"Cơ sở dữ liệu bị hỏng. Đừng ghi thêm vào; hãy sao chép tệp ra chỗ khác, rồi khôi phục bản sao lưu gần nhất vào một cơ sở dữ liệu mới (minutes import sao-luu.yaml --db moi.db).",
		"The database is damaged. Write nothing more to it; copy the file elsewhere, then restore the latest backup into a new database (minutes import sao-luu.yaml --db new.db)."},
}
