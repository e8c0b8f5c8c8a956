package main

import (
	"context"
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/minutes-vn/minutes/internal/safewrite"
	"github.com/minutes-vn/minutes/minutes"
)

// runBackup writes everything the database holds (export --all): the file
// that import restores, written as the database is read, so that 100,000
// meetings take the memory of a page of them. A file appears whole or not
// at all.
func runBackup(ctx context.Context, f *factory, opts *exportOptions) error {
	var n int
	write := func(w io.Writer) error {
		var err error
		n, err = f.App().BackupTo(ctx, w, opts.Format == fmtJSON)
		return err
	}
	if opts.Output == "-" {
		out := &errWriter{w: f.IO.Out}
		if err := write(out); err != nil {
			if out.err != nil {
				return minutes.Errorm(minutes.EFAILED, "output.failed", "-", out.err)
			}
			return err
		}
	} else {
		var out *errWriter
		err := safewrite.Stream(opts.Output, modeBackup, opts.Force, func(w io.Writer) error {
			out = &errWriter{w: w}
			return write(out)
		})
		switch {
		case err == nil:
		case errors.Is(err, safewrite.ErrNotRegular):
			return minutes.Errorm(minutes.EUSAGE, "output.not_regular", opts.Output)
		case errors.Is(err, safewrite.ErrExists):
			return minutes.Errorm(minutes.EUSAGE, "output.exists", opts.Output)
		case out != nil && out.err == nil:
			return err // the database's, not the file's
		default:
			return minutes.Errorm(minutes.EFAILED, "output.failed", opts.Output, err)
		}
	}
	f.say(f.T("backup.done", n))
	return nil
}

// errWriter remembers the first error of writing to w, so that a failure
// of the output (disk full) is told apart from one of the database.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(b []byte) (int, error) {
	n, err := e.w.Write(b)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

var backupMessages = minutes.Messages{
	"flag.export.all":     {"sao lưu mọi cuộc họp kèm trạng thái, phiên bản, lịch sử và tình hình thực hiện kết luận (YAML hoặc JSON); khôi phục bằng minutes import", "back up every meeting with status, versions, history and the follow-up of conclusions (YAML or JSON); restore with minutes import"},
	"export.need_id":      {"hãy chỉ ra số hiệu cuộc họp (minutes export ID), hoặc --all để sao lưu tất cả", "name a meeting (minutes export ID), or --all to back up every meeting"},
	"export.all_and_id":   {"--all sao lưu mọi cuộc họp; không ghi kèm số hiệu cuộc họp", "--all backs up every meeting; give no meeting ID with it"},
	"export.all_pdf":      {"--all ghi bản sao lưu dữ liệu: dùng --format yaml hoặc json, không phải pdf", "--all writes a data backup: use --format yaml or json, not pdf"},
	"export.all_version":  {"--all sao lưu mọi phiên bản; không dùng cùng --version", "--all backs up every version; it cannot be used with --version"},
	"backup.done":         {"Đã sao lưu %d cuộc họp.", "Backed up %d meetings."},
	"restore.done":        {"Đã khôi phục %s cuộc họp từ bản sao lưu; bỏ qua %s cuộc họp đã có.", "Restored %s meetings from the backup; skipped %s already present."},
	"restore.nothing_new": {"Không có gì mới: cả %s cuộc họp trong bản sao lưu đã có trong cơ sở dữ liệu.", "Nothing new: all %s meetings of the backup are already in the database."},
}

// runBackupFlags checks the flags of export --all and runs it.
func runBackupFlags(cmd *cobra.Command, f *factory, opts *exportOptions, args []string) error {
	switch {
	case len(args) > 0:
		return minutes.Errorm(minutes.EUSAGE, "export.all_and_id")
	case opts.Version != 0:
		return minutes.Errorm(minutes.EUSAGE, "export.all_version")
	}
	if opts.Format == "" {
		opts.Format = fmtYAML
		if formatFromName(opts.Output) == fmtJSON {
			opts.Format = fmtJSON
		}
	}
	if opts.Format == fmtPDF {
		return minutes.Errorm(minutes.EUSAGE, "export.all_pdf")
	}
	if err := checkFormat("--format", opts.Format, fmtYAML, fmtJSON); err != nil {
		return err
	}
	if opts.Output == "" {
		opts.Output = "-"
	}
	return runBackup(cmd.Context(), f, opts)
}
