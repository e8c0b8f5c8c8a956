package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
)

type historyOptions struct {
	ID     int64
	Output string
}

func newHistoryCmd(f *factory) *cobra.Command {
	opts := &historyOptions{}
	cmd := &cobra.Command{
		Use:     "history ID",
		Short:   f.T("cmd.history.short"),
		Long:    f.T("cmd.history.long"),
		Example: "  minutes history 12\n  minutes history 12 -o json | jq '.[] | select(.action == \"amended\")'\n  minutes show 12 --version 2",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if err := checkFormat("-o", opts.Output, fmtTable, fmtJSON); err != nil {
				return err
			}
			opts.ID = id
			return runHistory(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", fmtTable, f.T("flag.output")+" (table|json)")
	return cmd
}

func runHistory(ctx context.Context, f *factory, opts *historyOptions) error {
	s, err := f.Store(ctx)
	if err != nil {
		return err
	}
	cs, err := s.History(ctx, opts.ID)
	if err != nil {
		return err
	}
	if opts.Output == fmtJSON {
		return writeHistoryJSON(f.IO.Out, cs)
	}
	return writeHistoryTable(f.P, f.IO.Out, cs)
}

// historyEntry is a change as history -o json prints it: times in UTC,
// actions untranslated, so that scripts need not know the language.
type historyEntry struct {
	Version int      `json:"version"`
	Action  string   `json:"action"`
	At      string   `json:"at"`
	DBUser  string   `json:"db_user,omitempty"`
	OSUser  string   `json:"os_user,omitempty"`
	Fields  []string `json:"fields"`
	Reason  string   `json:"reason,omitempty"`
}

func writeHistoryJSON(w io.Writer, cs []minutes.Change) error {
	out := make([]historyEntry, len(cs))
	for i, c := range cs {
		out[i] = historyEntry{
			Version: c.Version, Action: c.Action, At: c.At.UTC().Format(time.RFC3339Nano),
			DBUser: c.DBUser, OSUser: c.OSUser, Fields: c.Fields, Reason: c.Reason,
		}
		if out[i].Fields == nil {
			out[i].Fields = []string{}
		}
	}
	return record.EncodeJSON(w, out)
}

func writeHistoryTable(p *minutes.Printer, w io.Writer, cs []minutes.Change) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, p.T("history.header"))
	for _, c := range cs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", c.Version, actionText(p, c.Action),
			c.At.Local().Format("02/01/2006 15:04:05"), joinNonEmpty(" / ", c.DBUser, c.OSUser),
			cut(strings.Join(c.Fields, ", "), 50), oneLine(c.Reason))
	}
	return tw.Flush()
}

// oneLine keeps a table row on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// actionText names an action in the user's language; an action this
// version does not know is shown as stored.
func actionText(p *minutes.Printer, a string) string {
	if t := p.T("history.action." + a); t != "history.action."+a {
		return t
	}
	return a
}

// findMeeting returns meeting id, or with version > 0 the meeting exactly as
// it was at that version (also of a deleted meeting), saying so on ErrOut
// when it is not the current one.
func findMeeting(ctx context.Context, f *factory, s *sqlstore.Store, id int64, version int) (*minutes.Meeting, error) {
	if version <= 0 {
		return s.FindMeetingByID(ctx, id)
	}
	m, err := s.FindMeetingVersion(ctx, id, version)
	if err != nil {
		return nil, err
	}
	cur, err := s.FindMeetingByID(ctx, id)
	switch {
	case minutes.ErrorCode(err) == minutes.ENOTFOUND:
		f.say(f.T("version.of_deleted", version, id))
	case err != nil:
		return nil, err
	case cur.Version != version:
		f.say(f.T("version.not_current", version, id, cur.Version))
	}
	return m, nil
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
	"history.header": {"PHIÊN BẢN\tTHAO TÁC\tTHỜI GIAN\tNGƯỜI THỰC HIỆN\tTRƯỜNG THAY ĐỔI\tLÝ DO", "VERSION\tACTION\tTIME\tWHO\tFIELDS\tREASON"},

	"history.action.created":   {"tạo", "created"},
	"history.action.edited":    {"sửa", "edited"},
	"history.action.finalized": {"thông qua", "finalized"},
	"history.action.amended":   {"sửa đổi", "amended"},
	"history.action.deleted":   {"xóa", "deleted"},
	"history.action.restored":  {"khôi phục", "restored"},

	"flag.version":        {"phiên bản cần lấy (xem minutes history); mặc định là phiên bản hiện hành", "the version to use (see minutes history); the current one by default"},
	"version.not_current": {"Đây là phiên bản %d của cuộc họp %d; phiên bản hiện hành là %d.", "This is version %d of meeting %d; the current version is %d."},
	"version.of_deleted":  {"Đây là phiên bản %d của cuộc họp %d, nay đã bị xóa.", "This is version %d of meeting %d, which has since been deleted."},
}
