package main

import (
	"github.com/minutes-vn/minutes/app"
	"github.com/minutes-vn/minutes/internal/form"
	"github.com/minutes-vn/minutes/minutes"
	"github.com/minutes-vn/minutes/minutes/sqlstore"
	"github.com/minutes-vn/minutes/record"
	"github.com/minutes-vn/minutes/report"
	"github.com/minutes-vn/minutes/web"
)

// catalog holds every message the command line may show: its own, and
// those of the packages whose errors and warnings it prints. Each run puts
// them into words in its own language (factory.P).
var catalog = minutes.NewCatalog(
	minutes.DomainMessages, record.Messages, sqlstore.Messages, report.Messages, app.Messages, form.Messages,
	cliMessages, addMessages, amendMessages, backupMessages, configMessages, demoMessages,
	finalizeMessages, helpMessages, historyMessages, reportMessages, issueMessages, numbersMessages,
	tasksMessages, templateMessages, serveMessages, checkMessages, verifyMessages, userMessages, web.Messages,
)

// cliMessages are the command line's own messages, Vietnamese first, then English.
var cliMessages = minutes.Messages{
	"cli.error_prefix":     {"Lỗi: ", "Error: "},
	"cli.warning":          {"Cảnh báo: %s", "Warning: %s"},
	"cli.see_help":         {"Xem hướng dẫn: minutes --help", "See: minutes --help"},
	"cli.version":          {"minutes phiên bản {{.Version}}", "minutes version {{.Version}}"},
	"flag.version_program": {"in phiên bản của chương trình", "print the program's version"},
	"cli.interrupted":      {"Đã dừng theo yêu cầu (Ctrl-C): phần đang ghi dở không được lưu.", "Stopped (Ctrl-C): nothing half-written was saved."},
	"cli.bad_id":           {"%q không phải số hiệu cuộc họp (một số nguyên dương, xem minutes list)", "%q is not a meeting ID (a positive whole number; see minutes list)"},
	"cli.bad_format":       {"%s %q không hợp lệ; chọn một trong: %s", "%s %q is not valid; choose one of: %s"},

	"cmd.root.short": {"Ghi và in biên bản hội nghị của cấp ủy, chính quyền", "Record and print the minutes of Party committee and People's Committee conferences"},
	"cmd.root.long": {"minutes lưu biên bản các hội nghị (ngày, cơ quan, chủ trì, đại biểu, nội dung, ý kiến phát biểu, kết luận)\nvà in biên bản, báo cáo quý theo thể thức văn bản của Đảng và Nhà nước.\n\nCơ sở dữ liệu mặc định là một tệp SQLite trong thư mục dữ liệu của người dùng; dùng --db hoặc MINUTES_DB\nđể chọn tệp khác hoặc máy chủ PostgreSQL (postgres://…).",
		"minutes keeps the minutes of conferences (date, organisation, chairs, delegates, agenda, speaker comments,\nconclusions) and prints the minutes and quarterly reports in the official Party and State document formats.\n\nThe default database is a SQLite file in the user's data directory; --db or MINUTES_DB chooses another\nfile or a PostgreSQL server (postgres://…)."},
	"cmd.add.short":      {"Thêm một cuộc họp: điền biểu mẫu, hoặc từ tệp YAML/JSON", "Record one meeting: fill in a form, or from a YAML/JSON file"},
	"cmd.add.long":       {"Không có -f, trên màn hình terminal: mở biểu mẫu tiếng Việt hỏi từng mục, kiểm tra ngay khi gõ,\ncho xem lại toàn bộ biên bản rồi mới lưu. Phần đã gõ được lưu tạm sau mỗi mục: bấm Ctrl-C hay mất điện\ncũng không mất, lần chạy minutes add sau sẽ hỏi để soạn tiếp. Biểu mẫu bắt đầu từ các giá trị mặc định\n(minutes config) và từ cuộc họp ghi gần nhất.\n\nVới -f TỆP (hoặc -f - cho đầu vào chuẩn): đọc một cuộc họp YAML/JSON, kiểm tra và lưu. Mẫu tệp: minutes template.\nIn số hiệu cuộc họp mới ra đầu ra chuẩn.", "Without -f, on a terminal: opens a form asking for each field, checked as you type, and shows\nthe whole record for review before it is stored. What you typed is saved after each section: Ctrl-C or a\npower cut loses nothing, and the next minutes add offers to continue. The form starts from the defaults\n(minutes config) and from the meeting recorded last.\n\nWith -f FILE (or -f - for standard input): reads one meeting in YAML/JSON, checks it and stores it.\nA blank record: minutes template. Prints the new meeting's ID on standard output."},
	"cmd.import.short":   {"Nhập nhiều cuộc họp từ tệp hoặc thư mục", "Import many meetings from files or directories"},
	"cmd.import.long":    {"Nhập mọi tệp .yaml, .yml, .json. Mặc định là tất cả hoặc không: chỉ cần một cuộc họp sai thì không lưu gì.\nVới --keep-going, lưu các cuộc họp hợp lệ và liệt kê các cuộc họp bị từ chối.", "Imports every .yaml, .yml and .json file. All or nothing by default: one invalid meeting and nothing is stored.\nWith --keep-going the valid meetings are stored and the rejected ones listed."},
	"cmd.list.short":     {"Liệt kê các cuộc họp", "List meetings"},
	"cmd.show.short":     {"Xem một cuộc họp", "Show one meeting"},
	"cmd.edit.short":     {"Sửa một cuộc họp trong trình soạn thảo", "Edit a meeting in your editor"},
	"cmd.edit.long":      {"Mở cuộc họp dưới dạng YAML trong $EDITOR. Nếu nội dung sai, tệp được mở lại với lỗi ghi ở đầu.\nNếu có người khác đã sửa cuộc họp trong lúc đó, thay đổi không được lưu đè mà được giữ lại trong một tệp.", "Opens the meeting as YAML in $EDITOR. On invalid input the file reopens with the errors at the top.\nIf someone else saved the meeting meanwhile, nothing is overwritten: your text is kept in a file."},
	"cmd.delete.short":   {"Xóa một cuộc họp (chỉ bản nháp)", "Delete a meeting (drafts only)"},
	"cmd.export.short":   {"Xuất biên bản ra PDF, hoặc dữ liệu ra YAML/JSON", "Export the minutes as PDF, or the data as YAML/JSON"},
	"cmd.export.long":    {"Mặc định ghi biên bản PDF vào bien-ban-ID.pdf. -o - ghi ra đầu ra chuẩn. Không ghi đè tệp đã có trừ khi có --force.", "By default writes the minutes PDF to bien-ban-ID.pdf. -o - writes to standard output. An existing file is not overwritten without --force."},
	"cmd.template.short": {"In mẫu biên bản trống (YAML có chú thích)", "Print a blank, commented record (YAML)"},

	"flag.db":                {"cơ sở dữ liệu: đường dẫn tệp SQLite, sqlite:ĐƯỜNG_DẪN hoặc postgres://… (biến môi trường MINUTES_DB)", "database: a SQLite file path, sqlite:PATH or postgres://… (env MINUTES_DB)"},
	"flag.debug":             {"in chi tiết lỗi nội bộ", "show details of internal errors"},
	"flag.quiet":             {"không in thông báo và thanh tiến trình", "no messages or progress bar"},
	"flag.lang":              {"ngôn ngữ: vi hoặc en", "language: vi or en"},
	"flag.add.file":          {"tệp YAML/JSON chứa cuộc họp, - là đầu vào chuẩn", "YAML/JSON file holding the meeting, - for standard input"},
	"flag.import.keep_going": {"lưu các cuộc họp hợp lệ dù có cuộc họp bị từ chối", "store the valid meetings even when some are rejected"},
	"flag.quarter":           {"quý, ví dụ 2021-Q1, Q1/2021, I/2021", "quarter, such as 2021-Q1, Q1/2021, I/2021"},
	"flag.year":              {"năm", "year"},
	"flag.from":              {"từ ngày (25/3/2021)", "from date (25/3/2021)"},
	"flag.to":                {"đến ngày (25/3/2021)", "to date (25/3/2021)"},
	"flag.org":               {"cơ quan (không phân biệt hoa thường, dấu)", "organisation (ignoring case and diacritics)"},
	"flag.search":            {"tìm chữ, không phân biệt hoa thường, dấu (quan tìm được Quận)", "search text, ignoring case and diacritics (quan finds Quận)"},
	"flag.status":            {"trạng thái: draft (nháp) hoặc finalized (đã thông qua)", "status: draft or finalized"},
	"flag.output_file":       {"định dạng đầu ra (%s), hoặc tên tệp để ghi vào, định dạng theo phần mở rộng (ví dụ quy1.csv)", "output format (%s), or a file to write, its format from the extension (such as q1.csv)"},
	"flag.output_only_file":  {"ghi vào tệp này thay vì đầu ra chuẩn", "write to this file instead of standard output"},
	"flag.limit":             {"chỉ in N cuộc họp đầu tiên (theo ngày); 0 là tất cả", "print only the first N meetings (by date); 0 for all"},
	"flag.yes":               {"không hỏi xác nhận", "do not ask for confirmation"},
	"flag.export.output":     {"tệp kết quả; - là đầu ra chuẩn", "output file; - for standard output"},
	"flag.export.format":     {"pdf, docx (Word), yaml hoặc json (mặc định theo phần mở rộng của -o, nếu không là pdf)", "pdf, docx (Word), yaml or json (default from the -o extension, else pdf)"},
	"flag.reference_doc":     {"tệp Word của cơ quan để lấy kiểu chữ và khổ giấy cho --format docx (mặc định theo cài đặt reference_doc)", "the office's own Word file whose styles and page setup --format docx takes (default: the reference_doc setting)"},
	"flag.force":             {"ghi đè tệp đã có", "overwrite an existing file"},

	"input.stdin": {"(đầu vào chuẩn)", "(standard input)"},

	"add.no_file": {"không có màn hình terminal để mở biểu mẫu; hãy chỉ ra tệp: minutes add -f TỆP.yaml (hoặc -f - để đọc từ đầu vào chuẩn); mẫu tệp: minutes template", "no terminal to show the form on; name a file: minutes add -f FILE.yaml (or -f - for standard input); a blank record: minutes template"},
	"add.several": {"%s có %d cuộc họp; add chỉ thêm một, để thêm tất cả hãy dùng: minutes import %s", "%s holds %d meetings; add records one, to import them all use: minutes import %s"},
	"add.done":    {"Đã lưu cuộc họp số %d: %s", "Stored meeting %d: %s"},

	"import.progress": {"Đang nhập: đã lưu %d cuộc họp", "Importing: %d meetings stored"},
	"import.done":     {"Đã nhập %s cuộc họp từ %s tệp.", "Imported %s meetings from %s files."},
	"import.ids":      {"Số hiệu: %d – %d", "IDs: %d – %d"},
	"import.existing": {"Đã có, không nhập lại: biên bản số %s (cuộc họp %d), cùng nội dung", "Already stored, not imported again: minutes %s (meeting %d), the same content"},

	"list.none":   {"Không có cuộc họp nào.", "No meetings."},
	"list.header": {"SỐ\tNGÀY\tCƠ QUAN\tTÊN HỘI NGHỊ\tCHỦ TRÌ\tĐẠI BIỂU\tTRẠNG THÁI", "ID\tDATE\tORGANISATION\tTITLE\tCHAIR\tDELEGATES\tSTATUS"},

	"show.heading":      {"Cuộc họp số %d — %s, phiên bản %d", "Meeting %d — %s, version %d"},
	"show.seal":         {"Mã kiểm tra (SHA-256)", "Seal (SHA-256)"},
	"show.organization": {"Cơ quan", "Organisation"},
	"show.number":       {"Số", "Number"},
	"show.date":         {"Thời gian", "When"},
	"show.location":     {"Địa điểm", "Where"},
	"show.chairs":       {"Chủ trì", "Chairs"},
	"show.secretary":    {"Thư ký", "Secretary"},
	"show.present":      {"Có mặt", "Present"},
	"show.more_than":    {"trên %d", "over %d"},
	"show.absent":       {"Vắng mặt", "Absent"},
	"show.composition":  {"Thành phần", "Composition"},
	"show.agenda":       {"Nội dung", "Agenda"},
	"show.summary":      {"Tóm tắt", "Summary"},
	"show.comments":     {"Ý kiến phát biểu (%02d lượt)", "Speaker comments (%d turns)"},
	"show.conclusions":  {"Kết luận", "Conclusions"},
	"show.due":          {"hạn %s", "due %s"},
	"show.followup":     {"Thực hiện kết luận", "Follow-up of the conclusions"},
	"show.task_ref":     {"việc số %d", "task %d"},
	"show.recipients":   {"Nơi nhận", "Recipients"},
	"show.notice":       {"Thông báo kết luận", "Notice of conclusions"},
	"show.notice_title": {"Trích yếu", "Summary line"},
	"show.signer":       {"Người ký", "Signed by"},

	"delete.need_yes":  {"không có bàn phím để xác nhận; thêm --yes để xóa", "no terminal to confirm on; add --yes to delete"},
	"delete.confirm":   {"Xóa cuộc họp số %d (%s) «%s»? [c/K]", "Delete meeting %d (%s) «%s»? [y/N]"},
	"delete.cancelled": {"Đã hủy, không xóa gì.", "Cancelled, nothing deleted."},
	"delete.done":      {"Đã xóa cuộc họp số %d.", "Deleted meeting %d."},

	"edit.header":        {"Sửa cuộc họp số %d (phiên bản %d). Lưu tệp và đóng trình soạn thảo để ghi lại;\nđể nguyên không sửa gì thì không có gì thay đổi. Các dòng chú thích # ở đầu sẽ bị bỏ qua.", "Editing meeting %d (version %d). Save and close the editor to store your changes;\nleave it unchanged to change nothing. Comment lines (#) at the top are ignored."},
	"edit.header_error":  {"Cuộc họp số %d (phiên bản %d): nội dung CHƯA được lưu vì có lỗi dưới đây. Sửa rồi lưu lại;\nlưu mà không sửa gì thì hủy (nội dung được giữ lại trong một tệp).", "Meeting %d (version %d): NOT saved because of the problems below. Fix them and save again;\nsaving with no change cancels (your text is kept in a file)."},
	"edit.unchanged":     {"Không có thay đổi.", "No changes."},
	"edit.gave_up":       {"đã hủy sửa vì nội dung vẫn còn lỗi; nội dung bạn gõ được giữ trong %s", "edit cancelled, the text still has problems; what you typed is kept in %s"},
	"edit.source":        {"cuộc họp số %d (trình soạn thảo)", "meeting %d (editor)"},
	"edit.one_meeting":   {"phải có đúng một cuộc họp, không phải %d", "must hold exactly one meeting, not %d"},
	"edit.kept":          {"Nội dung bạn đã sửa được giữ trong %s — mở lại cuộc họp (minutes edit) và chép phần thay đổi vào.", "Your edited text is kept in %s — open the meeting again (minutes edit) and copy your changes in."},
	"edit.editor_failed": {"trình soạn thảo %q không chạy được: %v (đặt biến EDITOR, ví dụ EDITOR=nano)", "the editor %q failed: %v (set EDITOR, e.g. EDITOR=nano)"},
	"edit.done":          {"Đã lưu cuộc họp số %d (phiên bản %d).", "Saved meeting %d (version %d)."},
	"edit.waiting":       {"Đang chờ trình soạn thảo %s: lưu tệp rồi đóng cửa sổ để tiếp tục…", "Waiting for your editor %s: save the file and close it to go on…"},
	"edit.file_gone":     {"trình soạn thảo %s đã xóa tệp đang sửa thay vì lưu nó; không có gì thay đổi", "the editor %s deleted the file being edited instead of saving it; nothing was changed"},
	"edit.temp_failed":   {"không tạo được tệp tạm để mở trình soạn thảo: %v", "cannot create the temporary file for the editor: %v"},
	"edit.kept_below":    {"Không ghi được tệp nào; nội dung bạn đã gõ ở ngay dưới đây:", "No file could be written; what you typed follows:"},
	"edit.kept_stderr":   {"(in ra ở trên)", "(printed above)"},

	"output.exists":      {"tệp %s đã có; dùng --force để ghi đè", "%s already exists; use --force to overwrite it"},
	"output.failed":      {"không ghi được %s: %v", "cannot write %s: %v"},
	"output.not_regular": {"%s không phải là một tệp thường (là liên kết, ống dẫn hay thiết bị); hãy ghi ra một tệp thường hoặc một tên mới, hoặc -o - để ra đầu ra chuẩn", "%s is not a regular file (a link, a pipe or a device); write to a regular file or a new name, or -o - for standard output"},
	"output.binary_tty":  {"không in tệp PDF/Word ra màn hình; hãy chỉ ra tệp bằng -o TỆP, hoặc chuyển hướng: … -o - > tệp.pdf", "a PDF or Word file is not printed on a terminal; name a file with -o FILE, or redirect: … -o - > file.pdf"},

	"export.done":          {"Đã ghi %s", "Wrote %s"},
	"flag.export.document": {"văn bản in ra: minutes (biên bản) hoặc notice (thông báo kết luận)", "the document printed: minutes, or notice (the notice of conclusions)"},
	"export.notice_flags":  {"--issue, --number, --signer-… và --recipient dùng cho thông báo kết luận: thêm --document notice (số của biên bản được lấy khi thông qua: minutes finalize)", "--issue, --number, --signer-… and --recipient are for the notice of conclusions: add --document notice (the minutes take their number when finalized: minutes finalize)"},
	"export.issue_version": {"chỉ ban hành được thông báo của phiên bản hiện tại; bỏ --version", "only the notice of the current version can be issued; leave out --version"},
	"export.warning":       {"Cảnh báo: cuộc họp %d, %s: %s", "Warning: meeting %d, %s: %s"},
}
