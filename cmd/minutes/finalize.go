package main

import (
	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/minutes"
)

func newFinalizeCmd(f *factory) *cobra.Command {
	return newConfirmedCmd(f, confirmed{
		use: "finalize ID", short: "cmd.finalize.short", long: "cmd.finalize.long", key: "finalize",
		example:  "  minutes finalize 12\n  minutes finalize 12 --yes",
		check:    func(m *minutes.Meeting) error { return m.CheckFinalize(0) },
		do:       (*app.Service).Finalize,
		doneArgs: func(m *minutes.Meeting) []any { return []any{m.ID, m.Version + 1, m.ID} },
	})
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
