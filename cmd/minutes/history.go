package main

import (
	"context"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/record"
)

type historyOptions struct {
	ID    int64
	Audit bool
	dataOut
}

func newHistoryCmd(f *factory) *cobra.Command {
	opts := &historyOptions{}
	cmd := &cobra.Command{
		Use:     "history ID | --audit",
		Short:   f.T("cmd.history.short"),
		Long:    f.T("cmd.history.long"),
		Example: "  minutes history 12\n  minutes history --audit\n  minutes history 12 -o json | jq '.[] | select(.action == \"amended\")'\n  minutes show 12 --version 2",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.resolve(); err != nil {
				return err
			}
			if opts.Audit != (len(args) == 0) {
				return minutes.Errorm(minutes.EUSAGE, "history.id_or_audit")
			}
			if opts.Audit {
				return runAudit(cmd.Context(), f, opts)
			}
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			return runHistory(cmd.Context(), f, opts)
		},
	}
	opts.outputFlags(f, cmd, fmtTable, fmtTable, fmtJSON)
	cmd.Flags().BoolVar(&opts.Audit, "audit", false, f.T("flag.history.audit"))
	return cmd
}

// runAudit prints the audit of the office server, newest first: sign-ins,
// refused sign-ins, account and role changes. Admins only.
func runAudit(ctx context.Context, f *factory, opts *historyOptions) error {
	es, err := f.App().Audit(ctx, 1000)
	if err != nil {
		return err
	}
	return opts.write(f, func(w io.Writer) error {
		if opts.Output == fmtJSON {
			type entry struct {
				At      string `json:"at"`
				User    string `json:"user"`
				Action  string `json:"action"`
				Detail  string `json:"detail"`
				Address string `json:"address"`
			}
			out := make([]entry, len(es))
			for i, e := range es {
				out[i] = entry{e.At.UTC().Format("2006-01-02T15:04:05Z"), e.User, e.Action, e.Detail, e.Address}
			}
			return record.EncodeJSON(w, out)
		}
		tb := table{header: f.T("history.audit_header"), shrink: []int{3}}
		for _, e := range es {
			tb.add(e.At.Local().Format("02/01/2006 15:04:05"), e.User, e.Action, oneLine(e.Detail), e.Address)
		}
		return tb.write(w, opts.width(f))
	})
}

func runHistory(ctx context.Context, f *factory, opts *historyOptions) error {
	cs, err := f.App().History(ctx, opts.ID)
	if err != nil {
		return err
	}
	return opts.write(f, func(w io.Writer) error {
		if opts.Output == fmtJSON {
			return record.EncodeJSON(w, record.ChangeViews(cs))
		}
		return writeHistoryTable(f.P, w, opts.width(f), cs)
	})
}

func writeHistoryTable(p *minutes.Printer, w io.Writer, width int, cs []minutes.Change) error {
	tb := table{header: p.T("history.header"), shrink: []int{5, 4, 3}}
	for _, c := range cs {
		tb.add(strconv.Itoa(c.Version), p.Msg(minutes.ActionMsg(c.Action)),
			c.At.Local().Format("02/01/2006 15:04:05"), joinNonEmpty(" / ", c.DBUser, c.OSUser),
			cut(strings.Join(c.Fields, ", "), 50), oneLine(c.Reason))
	}
	return tb.write(w, width)
}

// oneLine keeps a table row on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// findMeeting returns meeting id, or with version > 0 the meeting exactly as
// it was at that version (also of a deleted meeting), saying so on ErrOut
// when it is not the current one.
func findMeeting(ctx context.Context, f *factory, id int64, version int) (*minutes.Meeting, error) {
	v, err := f.App().MeetingVersion(ctx, id, version)
	if err != nil {
		return nil, err
	}
	switch {
	case version <= 0:
	case v.Current == 0:
		f.say(f.T("version.of_deleted", version, id))
	case v.Current != version:
		f.say(f.T("version.not_current", version, id, v.Current))
	}
	return v.Meeting, nil
}

var historyMessages = minutes.Messages{
	"cmd.history.short": {"Lịch sử thay đổi của một cuộc họp: ai, khi nào, sửa gì", "A meeting's history: who changed what, and when"},
	"cmd.history.long": {
		"Liệt kê mọi thay đổi của cuộc họp: tạo, sửa, thông qua, sửa đổi (kèm lý do), xóa, khôi phục từ bản sao lưu;\n" +
			"với phiên bản, thời điểm (giờ địa phương), người thực hiện (người dùng cơ sở dữ liệu / người dùng máy) và các trường đã đổi.\n" +
			"Vẫn xem được sau khi bản nháp đã bị xóa. -o json in thời điểm theo UTC.",
		"Lists every change of the meeting: created, edited, finalized, amended (with the reason), deleted, restored\n" +
			"from a backup; with the version, the time (local), who (database user / operating-system user) and the fields changed.\n" +
			"Works after a draft was deleted too. -o json prints times in UTC."},
	"history.audit_header": {"THỜI GIAN\tNGƯỜI DÙNG\tVIỆC\tCHI TIẾT\tĐỊA CHỈ", "TIME\tUSER\tACTION\tDETAIL\tADDRESS"},
	"history.id_or_audit":  {"cần số hiệu cuộc họp, hoặc --audit cho nhật ký đăng nhập và tài khoản", "give a meeting ID, or --audit for the log of sign-ins and accounts"},
	"flag.history.audit":   {"nhật ký đăng nhập, đăng nhập sai, thay đổi người dùng và vai trò (người quản trị)", "the log of sign-ins, failed sign-ins, user and role changes (admins)"},
	"history.header":       {"PHIÊN BẢN\tTHAO TÁC\tTHỜI GIAN\tNGƯỜI THỰC HIỆN\tTRƯỜNG THAY ĐỔI\tLÝ DO", "VERSION\tACTION\tTIME\tWHO\tFIELDS\tREASON"},

	"flag.version":        {"phiên bản cần lấy (xem minutes history); mặc định là phiên bản hiện hành", "the version to use (see minutes history); the current one by default"},
	"version.not_current": {"Đây là phiên bản %d của cuộc họp %d; phiên bản hiện hành là %d.", "This is version %d of meeting %d; the current version is %d."},
	"version.of_deleted":  {"Đây là phiên bản %d của cuộc họp %d, nay đã bị xóa.", "This is version %d of meeting %d, which has since been deleted."},
}
