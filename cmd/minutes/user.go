package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/minutes-vn/minutes/minutes"
)

type userOptions struct {
	Role          string
	Orgs          []string
	FullName      string
	PasswordStdin bool
	Revoke        bool
	Enable        bool
}

func newUserCmd(f *factory) *cobra.Command {
	opts := &userOptions{}
	cmd := &cobra.Command{
		Use:   "user",
		Short: f.T("cmd.user.short"),
		Long:  f.T("cmd.user.long"),
		Example: "  minutes user add phuong --role secretary --org \"Thành ủy Sóc Trăng\"\n" +
			"  printf '%s\\n' \"$MAT_KHAU\" | minutes user add hung --role approver --org \"Thành ủy Sóc Trăng\" --password-stdin\n" +
			"  minutes user list\n  minutes user passwd phuong\n  minutes user roles phuong --role approver\n" +
			"  minutes user disable phuong\n  minutes user token vanphong-dientu\n  minutes user token vanphong-dientu --revoke",
		Args: cobra.NoArgs,
	}
	pwFlag := func(c *cobra.Command) {
		c.Flags().BoolVar(&opts.PasswordStdin, "password-stdin", false, f.T("flag.user.password_stdin"))
	}
	add := &cobra.Command{
		Use: "add NAME", Short: f.T("cmd.user.add.short"), Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			role, err := minutes.ParseRole(opts.Role)
			if err != nil {
				return err
			}
			return runUserAdd(cmd.Context(), f, args[0], role, opts)
		},
	}
	add.Flags().StringVar(&opts.Role, "role", "", f.T("flag.user.role"))
	add.Flags().StringArrayVar(&opts.Orgs, "org", nil, f.T("flag.user.org"))
	add.Flags().StringVar(&opts.FullName, "full-name", "", f.T("flag.user.full_name"))
	pwFlag(add)
	_ = add.MarkFlagRequired("role")
	list := &cobra.Command{
		Use: "list", Short: f.T("cmd.user.list.short"), Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runUserList(cmd.Context(), f) },
	}
	passwd := &cobra.Command{
		Use: "passwd NAME", Short: f.T("cmd.user.passwd.short"), Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, err := readPassword(f, opts.PasswordStdin)
			if err != nil {
				return err
			}
			if err := f.App().SetPassword(cmd.Context(), args[0], pw); err != nil {
				return err
			}
			f.say(f.T("user.password_set", args[0]))
			return nil
		},
	}
	pwFlag(passwd)
	disable := &cobra.Command{
		Use: "disable NAME", Short: f.T("cmd.user.disable.short"), Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.App().SetDisabled(cmd.Context(), args[0], !opts.Enable); err != nil {
				return err
			}
			if opts.Enable {
				f.say(f.T("user.enabled", args[0]))
			} else {
				f.say(f.T("user.disabled", args[0]))
			}
			return nil
		},
	}
	disable.Flags().BoolVar(&opts.Enable, "enable", false, f.T("flag.user.enable"))
	roles := &cobra.Command{
		Use: "roles [NAME]", Short: f.T("cmd.user.roles.short"), Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				for _, r := range minutes.Roles {
					fmt.Fprintf(f.IO.Out, "%-10s %s\n", r, f.T("role."+string(r)))
				}
				return nil
			}
			role, err := minutes.ParseRole(opts.Role)
			if err != nil {
				return err
			}
			var orgs []string
			if cmd.Flags().Changed("org") {
				orgs = opts.Orgs
			}
			if err := f.App().SetRole(cmd.Context(), args[0], role, orgs); err != nil {
				return err
			}
			f.say(f.T("user.role_set", args[0], string(role)))
			return nil
		},
	}
	roles.Flags().StringVar(&opts.Role, "role", "", f.T("flag.user.role"))
	roles.Flags().StringArrayVar(&opts.Orgs, "org", nil, f.T("flag.user.org"))
	token := &cobra.Command{
		Use: "token NAME", Short: f.T("cmd.user.token.short"), Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Revoke {
				n, err := f.App().RevokeTokens(cmd.Context(), args[0])
				if err != nil {
					return err
				}
				f.say(f.T("user.tokens_revoked", n, args[0]))
				return nil
			}
			t, err := f.App().NewToken(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			fmt.Fprintln(f.IO.Out, t)
			f.say(f.T("user.token_once"))
			return nil
		},
	}
	token.Flags().BoolVar(&opts.Revoke, "revoke", false, f.T("flag.user.revoke"))
	cmd.AddCommand(add, list, passwd, disable, roles, token)
	for _, c := range cmd.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	return cmd
}

func runUserAdd(ctx context.Context, f *factory, name string, role minutes.Role, opts *userOptions) error {
	if err := minutes.CheckUserName(name); err != nil {
		return err
	}
	pw, err := readPassword(f, opts.PasswordStdin)
	if err != nil {
		return err
	}
	u, err := f.App().AddUser(ctx, name, opts.FullName, role, opts.Orgs, pw)
	if err != nil {
		return err
	}
	f.say(f.T("user.added", u.Name, string(u.Role), strings.Join(u.Orgs, "; ")))
	return nil
}

func runUserList(ctx context.Context, f *factory) error {
	us, err := f.App().Users(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(f.IO.Out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, f.T("user.list_header"))
	for _, u := range us {
		state := ""
		if u.Disabled {
			state = f.T("user.state_disabled")
		}
		orgs := strings.Join(u.Orgs, "; ")
		if u.Role == minutes.RoleAdmin && orgs == "" {
			orgs = f.T("user.every_org")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", u.Name, u.Role, orgs, state)
	}
	return w.Flush()
}

// readPassword reads a new password: from the first line of standard input
// with --password-stdin (scripts), else asked twice on the terminal without
// echo. It is never printed, logged or put in a message.
func readPassword(f *factory, fromStdin bool) (string, error) {
	if fromStdin {
		line, err := bufio.NewReader(f.IO.In).ReadString('\n')
		if err != nil && line == "" {
			return "", minutes.Errorm(minutes.EUSAGE, "user.no_password")
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	in, ok := f.IO.In.(*os.File)
	if !f.IO.InTTY || !ok {
		return "", minutes.Errorm(minutes.EUSAGE, "user.no_password")
	}
	ask := func(key string) (string, error) {
		fmt.Fprint(f.IO.ErrOut, f.T(key))
		b, err := term.ReadPassword(int(in.Fd()))
		fmt.Fprintln(f.IO.ErrOut)
		return string(b), err
	}
	first, err := ask("user.ask_password")
	if err != nil {
		return "", err
	}
	if err := minutes.CheckPassword(first); err != nil {
		return "", err
	}
	second, err := ask("user.ask_again")
	if err != nil {
		return "", err
	}
	if first != second {
		return "", minutes.Errorm(minutes.EINVALID, "user.mismatch")
	}
	return first, nil
}

var userMessages = minutes.Messages{
	"cmd.user.short": {"Tài khoản người dùng của máy chủ văn phòng (minutes serve)", "Accounts of the office server (minutes serve)"},
	"cmd.user.long": {"Tài khoản để đăng nhập giao diện web và API khi máy chủ phục vụ cả cơ quan. Vai trò:\n  viewer     xem biên bản đã thông qua, báo cáo và việc cần theo dõi của tổ chức mình;\n  secretary  thư ký: còn ghi, sửa, xóa bản nháp, nhập tệp, theo dõi kết luận;\n  approver   người duyệt (chủ trì, chánh văn phòng): còn thông qua và sửa đổi biên bản;\n  admin      quản trị: còn quản lý người dùng, cài đặt, và xem mọi tổ chức.\nMỗi tài khoản (trừ admin) thuộc một hay nhiều tổ chức (--org) và chỉ thấy biên bản của các tổ chức đó.\nMật khẩu ít nhất 10 ký tự, được hỏi hai lần (không hiện ra) hoặc đọc từ đầu vào chuẩn với --password-stdin.",
		"Accounts for signing in to the web interface and the API when the server serves a whole office. Roles:\n  viewer     reads finalized minutes, reports and tasks of their organisations;\n  secretary  also records, edits and deletes drafts, imports, follows up tasks;\n  approver   (the chair, the chief of office) also finalizes and amends;\n  admin      also manages users and settings, and sees every organisation.\nEvery account but an admin belongs to one or more organisations (--org) and sees only their meetings.\nPasswords have at least 10 characters, asked twice without echo, or read from standard input with --password-stdin."},
	"cmd.user.add.short":       {"Tạo tài khoản", "Create an account"},
	"cmd.user.list.short":      {"Liệt kê tài khoản", "List the accounts"},
	"cmd.user.passwd.short":    {"Đặt mật khẩu mới (kết thúc các phiên đăng nhập của tài khoản)", "Set a new password (ends the account's sessions)"},
	"cmd.user.disable.short":   {"Khóa tài khoản (--enable để mở lại)", "Disable an account (--enable to enable it again)"},
	"cmd.user.roles.short":     {"Liệt kê vai trò, hoặc đổi vai trò và tổ chức của một tài khoản", "List the roles, or change an account's role and organisations"},
	"cmd.user.token.short":     {"Tạo mã truy cập API cá nhân (in ra một lần), --revoke để thu hồi", "Make a personal API token (printed once); --revoke revokes them"},
	"flag.user.role":           {"vai trò: viewer, secretary, approver, admin", "role: viewer, secretary, approver, admin"},
	"flag.user.org":            {"tổ chức của tài khoản, đúng tên như trong biên bản (lặp lại cho nhiều tổ chức)", "an organisation of the account, named as the minutes name it (repeat for several)"},
	"flag.user.full_name":      {"họ và tên", "full name"},
	"flag.user.password_stdin": {"đọc mật khẩu từ dòng đầu của đầu vào chuẩn (cho script)", "read the password from the first line of standard input (for scripts)"},
	"flag.user.revoke":         {"thu hồi mọi mã truy cập API của tài khoản", "revoke every API token of the account"},
	"flag.user.enable":         {"mở lại tài khoản đã khóa", "enable a disabled account again"},
	"role.viewer":              {"xem biên bản đã thông qua, báo cáo, việc cần theo dõi", "reads finalized minutes, reports, tasks"},
	"role.secretary":           {"thư ký: còn ghi, sửa, xóa bản nháp, nhập, theo dõi kết luận", "also records, edits, deletes drafts, imports, follows up tasks"},
	"role.approver":            {"người duyệt: còn thông qua và sửa đổi biên bản", "also finalizes and amends"},
	"role.admin":               {"quản trị: còn quản lý người dùng, cài đặt; xem mọi tổ chức", "also users and settings; sees every organisation"},
	"user.added":               {"Đã tạo tài khoản %s (%s) thuộc: %s", "Account %s (%s) created, of: %s"},
	"user.password_set":        {"Đã đặt mật khẩu mới cho %s; các phiên đăng nhập cũ đã kết thúc.", "New password set for %s; its sessions have ended."},
	"user.disabled":            {"Đã khóa tài khoản %s; các phiên đăng nhập đã kết thúc.", "Account %s disabled; its sessions have ended."},
	"user.enabled":             {"Đã mở lại tài khoản %s.", "Account %s enabled."},
	"user.role_set":            {"Tài khoản %s nay có vai trò %s.", "Account %s now has the role %s."},
	"user.tokens_revoked":      {"Đã thu hồi %d mã truy cập API của %s.", "Revoked %d API tokens of %s."},
	"user.token_once":          {"Mã truy cập API ở trên chỉ hiện một lần: hãy lưu lại. Dùng: Authorization: Bearer MÃ", "The API token above is shown once only: keep it. Use: Authorization: Bearer TOKEN"},
	"user.list_header":         {"TÊN ĐĂNG NHẬP\tVAI TRÒ\tTỔ CHỨC\tTRẠNG THÁI", "NAME\tROLE\tORGANISATIONS\tSTATE"},
	"user.state_disabled":      {"đã khóa", "disabled"},
	"user.every_org":           {"(mọi tổ chức)", "(every organisation)"},
	"user.no_password":         {"cần mật khẩu: chạy trên terminal để được hỏi, hoặc dùng --password-stdin", "a password is needed: run on a terminal to be asked, or use --password-stdin"},
	"user.ask_password":        {"Mật khẩu (ít nhất 10 ký tự): ", "Password (at least 10 characters): "},
	"user.ask_again":           {"Nhập lại mật khẩu: ", "Password again: "},
	"user.as_disabled":         {"tài khoản %s đã bị khóa", "account %s is disabled"},
	"flag.as":                  {"thực hiện với quyền và trong các tổ chức của tài khoản này (mặc định: MINUTES_USER; không có thì toàn quyền)", "act with the role and within the organisations of this account (default MINUTES_USER; without, every right)"},
	"user.mismatch":            {"hai lần nhập mật khẩu không khớp; không đổi gì", "the two passwords differ; nothing changed"},
}

// actAs runs the command as account f.As: with its role and within its
// organisations, as the office server would, instead of as the local
// operator with every right. It is a view for that office (what a report
// or a backup holds for it), not a protection: whoever runs the command
// line reaches the database itself.
func actAs(cmd *cobra.Command, f *factory) error {
	st, err := f.App().Store(cmd.Context())
	if err != nil {
		return err
	}
	u, err := st.FindUser(cmd.Context(), f.As)
	if err != nil {
		return err
	}
	if u.Disabled {
		return minutes.Errorm(minutes.EFORBIDDEN, "user.as_disabled", u.Name)
	}
	cmd.SetContext(minutes.WithPrincipal(cmd.Context(), u.Principal()))
	return nil
}
