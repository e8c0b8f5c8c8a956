package report

// Everything an office may need to correct about the printed layout lives in
// this file: page geometry, type sizes, fixed texts and labels. The research
// behind it (Hướng dẫn 36-HD/VPTW and 16-HD/VPTW for Party bodies, Nghị định
// 30/2020/NĐ-CP Mẫu 1.9 for State bodies) could not read every primary text,
// so the values are kept together where they can be changed without touching
// the layout or the renderer.
//
// The documents an office issues (issue 13) were checked against what could
// be found of the primary texts, all through secondary sites quoting them:
//
//   - Hướng dẫn 36-HD/VPTW, II.1 (lawnet.vn): the documents of a Party
//     committee are numbered from 01 for each type in a committee term,
//     which runs from the day after one congress closes to the end of the
//     next one's closing day (minutes.NumberingPeriod, setting term_start).
//   - 36-HD/VPTW, 1.7.1 (thuvienphapluat.vn, quoting it): T/M (thay mặt)
//     for a committee, its standing board, a commission; K/T (ký thay) when a
//     deputy signs for the head of an advisory body; T/L (thừa lệnh), as in
//     "T/L BAN THƯỜNG VỤ / CHÁNH VĂN PHÒNG" (a training text on 123docz).
//   - Nghị định 30/2020/NĐ-CP, Phụ lục I (sites quoting it): "Số" followed
//     by a colon, numbers below 10 with a leading zero, a number unique
//     within a year; Điều 13 and Phụ lục I, khoản 7: "TM." before the
//     collective, "KT." and "TL." before the head's title, "TUQ." for
//     delegation (Thông tư 01/2011/TT-BNV before it wrote the same forms).
//   - Quyết định 45/2018/QĐ-TTg (thukyluat.vn, thuvienphapluat.vn): the
//     notice of conclusions goes out within five working days of the
//     meeting; a conclusion says what is to be done, who does it (and with
//     whom), and by when — the owner and due date each conclusion prints.
//   - The diagram of 36-HD/VPTW (the handbook of Đảng ủy Khối Bình Thuận):
//     type name and summary line (5a), signer (7a–c), Nơi nhận (9a–b)
//     bottom left beside the signer.
//
// Not verified, and so kept here to be corrected: the five dashes under a
// Party summary line and the length of the State rule (the share below, as
// "one third to one half of the line" is remembered of Phụ lục I); the
// wording of a notice's opening paragraph and closing sentence (no model
// notice of Phụ lục III or of a Party office was read — they follow notices
// as offices commonly write them); the sizes of THÔNG BÁO (those of BIÊN
// BẢN); that Party documents have no TUQ.; that Party numbers take the
// leading zero of State ones ("từ số 01"); the default terms from
// 1 January 2020 (no text gives one: an office sets term_start); the
// leading zero of counts in running text (no rule was found: it follows the
// seed minutes, "08 lượt ý kiến", and is applied alike in every document).

// Page setup, in millimetres: A4 portrait, margins top 20, bottom 20,
// left 30, right 15, as the official formats of Party and State documents ask.
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginTop    = 20.0
	marginBottom = 20.0
	marginLeft   = 30.0
	marginRight  = 15.0
	textWidth    = pageWidth - marginLeft - marginRight

	firstLineIndent = 10.0 // "about 1 cm"
	leading         = 1.2  // line height as a multiple of the type size (about single spacing)
	paragraphSpace  = 4.0  // points before a paragraph
	headingSpace    = 8.0  // points before a section heading
	afterTitleSpace = 12.0 // points between the title and the first line under it
	signatureRoom   = 28.0 // mm between the role and the name: room to sign
	pageNumberY     = 10.0 // mm from the top edge: centred in the top margin
	ruleWidth       = 0.3  // mm, every rule of the header
	ruleSpace       = 3.0  // mm a rule of the header takes, the line drawn 0.6 mm below the text above
	numberRowGap    = 2.0  // mm at least between the national title and the date line

	signatureSpace  = 12.0          // points before the signature blocks
	recipientsWidth = textWidth / 2 // "Nơi nhận" sits in the left half
	titleRuleSpace  = 4.0           // mm a drawn rule under a summary line takes, the line 1 mm below the text
	tableSpace      = 4.0           // points before a table
	cellPad         = 1.2           // mm inside every table cell
	tableRule       = 0.2           // mm
	chartSpace      = 4.0           // points before the chart
	chartHeight     = 72.0          // mm, two panels side by side
	chartPanelTall  = 55.0          // mm a panel takes when they are stacked (more than chartSideBySide bars)
	chartSideBySide = 4
	tableHeadGray   = 235 // shading of a table's header row
)

// Type sizes in points that both styles share.
const (
	recipientsLabelSize = 12.0 // "Nơi nhận:", bold italic
	recipientsItemSize  = 11.0
	pageNumberSize      = 13.0
	tableSize           = 11.0 // quarterly tables
	chartSize           = 9.0  // quarterly chart labels
	quarterlyBodySize   = 13.0 // a long report reads better a size down from the minutes
)

// mmPerPt converts points to millimetres.
const mmPerPt = 25.4 / 72

// textStyle is how a block is set; both renderers (PDF and Word) read it,
// so that a size or a keep rule is decided once.
type textStyle struct {
	font   fontStyle
	size   float64 // pt
	align  string  // L, C, R, or J (justified, last line left)
	indent float64 // first-line indent, mm
	before float64 // space before the block, pt; dropped at the top of a page
	keep   bool    // keep with the next block (headings, titles)
}

func (s textStyle) lineHeight() float64 { return s.size * leading * mmPerPt }

// style is the text style of a block kind in format st, before the rules
// of its neighbours (Layout.blockStyle) apply.
func style(st *format, k Kind) textStyle {
	body := textStyle{font: regular, size: st.BodySize, align: "J", indent: firstLineIndent, before: paragraphSpace}
	switch k {
	case KindDocType:
		return textStyle{font: bold, size: st.DocTypeSize, align: "C", before: 14, keep: true}
	case KindTitle:
		return textStyle{font: bold, size: st.TitleSize, align: "C", keep: true}
	case KindField:
		body.before = paragraphSpace / 2
		return body
	case KindHeading, KindSubheading:
		body.font, body.before, body.keep = bold, headingSpace, true
		return body
	case KindClosing:
		body.keep = true // never leave the signatures alone on a page
		return body
	case KindRecipientsLabel:
		return textStyle{font: boldItalic, size: recipientsLabelSize, align: "L", before: 12, keep: true}
	case KindRecipient:
		return textStyle{font: regular, size: recipientsItemSize, align: "L"}
	case KindCaption:
		return textStyle{font: italic, size: tableSize, align: "C", before: 2}
	case KindSignatures:
		// Roles and names, bold and centred in their column.
		return textStyle{font: bold, size: st.BodySize, align: "C", before: signatureSpace}
	case KindTable:
		return textStyle{font: regular, size: tableSize, align: "L", before: tableSpace}
	case KindChart:
		return textStyle{font: regular, size: chartSize, align: "C", before: chartSpace}
	case KindTitleRule:
		// Dashes at the title's size (Party), or a rule drawn under it (State).
		return textStyle{font: regular, size: st.TitleSize, align: "C", keep: true}
	case KindSignOff:
		// The signer's lines, bold and centred in the right half; Nơi nhận
		// takes the sizes of KindRecipientsLabel and KindRecipient.
		return textStyle{font: bold, size: st.BodySize, align: "C", before: signatureSpace}
	}
	return body
}

// pageNumberStyle sets the page number, centred in the top margin from page 2 on.
var pageNumberStyle = textStyle{font: regular, size: pageNumberSize, align: "C"}

// Fixed texts.
const (
	creator          = "minutes"
	minutesDocType   = "BIÊN BẢN"
	quarterlyDocType = "BÁO CÁO"
	noticeDocType    = "THÔNG BÁO"
	recipientsLabel  = "Nơi nhận:"
	substitute       = '□' // printed for a rune the font lacks; Liberation Serif has it
)

// headerBreakBefore lists the administrative units before which a body's
// name is broken when it needs two lines in the header; the name after a
// unit ("TỈNH NGHỆ AN", "PHƯỜNG 2") is never broken.
var headerBreakBefore = []string{"THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "PHƯỜNG", "XÃ", "HUYỆN", "QUẬN", "TỈNH",
	"KHÓM", "ẤP", "THÔN", "BẢN"}

// headerCommittees are the Party committees named after their place, broken
// before like a unit: "VĂN PHÒNG / TỈNH ỦY SÓC TRĂNG".
var headerCommittees = []string{"TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "QUẬN ỦY", "THỊ ỦY"}

// compounds are words of several syllables that a line of the header or
// of a title never breaks inside ("CƠ / QUAN", "mở / rộng"), unless
// nothing else fits. Vietnamese writes a word's syllables apart, so only a
// list can tell "công tác" (one word) from two; an office adds its own.
var compounds = []string{
	// Bodies and their parts.
	"ủy ban nhân dân", "hội đồng nhân dân", "ủy ban kiểm tra", "ủy ban mặt trận tổ quốc", "mặt trận tổ quốc",
	"ban chấp hành", "ban thường vụ", "thường trực", "đảng ủy", "đảng bộ", "chi bộ", "đảng đoàn", "ban cán sự",
	"tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy", "văn phòng", "cơ quan", "khối các cơ quan",
	"doanh nghiệp", "hợp tác xã", "liên minh", "liên hiệp", "công đoàn", "đoàn thanh niên", "thanh niên",
	"cộng sản", "hồ chí minh", "phụ nữ", "nông dân", "cựu chiến binh", "quân sự", "công an", "biên phòng",
	"tuyên giáo", "dân vận", "tổ chức", "kiểm tra", "nội chính", "chính sách", "tài chính", "kế hoạch",
	"đầu tư", "xây dựng", "giao thông", "vận tải", "nông nghiệp", "phát triển", "nông thôn", "tài nguyên",
	"môi trường", "giáo dục", "đào tạo", "y tế", "văn hóa", "thể thao", "du lịch", "thông tin", "truyền thông",
	"lao động", "thương binh", "xã hội", "tư pháp", "nội vụ", "thanh tra", "công thương", "khoa học", "công nghệ",
	"ngân hàng", "kho bạc", "bảo hiểm", "quản lý", "dự án", "trung tâm", "nhà nước", "việt nam", "trung ương",
	"thành phố", "thị xã", "thị trấn", "thống kê",
	// Words of titles and conclusions.
	"hội nghị", "cuộc họp", "phiên họp", "giao ban", "chuyên đề", "mở rộng", "sơ kết", "tổng kết", "đánh giá",
	"tình hình", "kinh tế", "chính trị", "hệ thống", "quốc phòng", "an ninh", "trật tự", "an toàn", "nhiệm vụ",
	"chủ yếu", "trọng tâm", "phương hướng", "giải pháp", "công tác", "triển khai", "thực hiện", "nghị quyết",
	"chỉ thị", "kết luận", "chương trình", "đại hội", "đại biểu", "quốc hội", "bầu cử", "nhiệm kỳ", "lãnh đạo",
	"chỉ đạo", "điều hành", "kết nạp", "đảng viên", "cán bộ", "công chức", "viên chức", "ngân sách", "sản xuất",
	"đô thị", "chỉnh trang", "tuyển quân", "dịch bệnh", "thiên tai", "cải cách", "hành chính",
	"chuyển đổi", "số hóa", "đầu năm", "cuối năm", "sản phẩm", "học tập", "làm theo", "tư tưởng",
	"đạo đức", "phong cách", "quán triệt", "tuyên truyền", "kỷ niệm", "thành lập", "hoạt động", "thi đua",
	"khen thưởng",
}

// phraseOpenerWords open a phrase: a title breaks before them rather than
// between any two words. Lower case; a phrase of two words is matched on
// both.
var phraseOpenerWords = []string{
	"và", "về", "của", "tại", "năm", "quý", "tháng", "trong", "cho", "theo", "với", "đối với", "gắn với",
	"nhằm", "để", "đến", "từ", "trên", "giai đoạn", "nhiệm kỳ", "lần", "khóa", "đợt", "phục vụ", "hướng tới",
	"thực hiện", "triển khai", "nhiệm vụ", "phương hướng", "một số",
}

// format is one header style: Party (36-HD/VPTW, 16-HD/VPTW) or State (Mẫu 1.9).
type format struct {
	// Header, left column: parent body, issuing body, then a mark ("*") or a
	// short rule, then the number.
	HeaderLeftWidth float64 // mm; the right column takes the rest of the text width
	OrgSize         float64
	Mark            string  // printed under the issuing body; "" draws a short rule instead
	MarkRuleLength  float64 // the short rule as a fraction of the issuing body's widest line
	NumberPrefix    string  // "Số " (party, no colon) or "Số: "
	NumberSize      float64

	// Header, right column: the national title lines, the last one ruled.
	Nation []nationLine

	DateSize  float64 // the italic date line
	DateAlign string  // "C" centred in the right column, "R" flush right

	// Body.
	DocTypeSize float64 // BIÊN BẢN, BÁO CÁO
	TitleSize   float64
	BodySize    float64

	PersonPrefix string // "đồng chí " before a name in Party minutes
	Unit         string // what a delegate is called in counts

	TimeLabel        string // followed by the start time and the date
	TimeStartPrefix  string // "bắt đầu vào hồi " before the clock
	VenueLabel       string
	ChairLabel       string
	SecretaryLabel   string
	CompositionLabel string // state: one "Thành phần tham dự:" line
	PresentLabel     string
	AbsentLabel      string
	CompositionText  string // label before the free-text composition

	SectionAttendance string // "" = no section heading (state)
	SectionProceeding string
	SectionConclusion string

	AgendaIntro    string
	PresenterForm  string // %s = presenter
	TurnsSentence  string // %s = zero-padded turns
	TurnsColon     string // appended when comments follow
	ConclusionHead string // heading inside the state "Nội dung" part
	OwnerLabel     string
	DueLabel       string

	ClosingForm string // %[1]s = end clock, %[2]s = date ("ngày …")

	ChairRole     string // signature block, right
	SecretaryRole string // signature block, left
}

type nationLine struct {
	Text string
	Size float64
	Rule bool // a rule as long as the text, under it
}

var partyFormat = format{
	HeaderLeftWidth: 75,
	OrgSize:         14,
	Mark:            "*",
	NumberPrefix:    "Số ",
	NumberSize:      14,
	Nation:          []nationLine{{"ĐẢNG CỘNG SẢN VIỆT NAM", 15, true}},
	DateSize:        14,
	DateAlign:       "R",

	DocTypeSize: 16,
	TitleSize:   14,
	BodySize:    14,

	PersonPrefix:    "đồng chí ",
	Unit:            "đồng chí",
	TimeLabel:       "– Thời gian: ",
	TimeStartPrefix: "bắt đầu vào hồi ",
	VenueLabel:      "– Địa điểm: ",
	ChairLabel:      "– Người chủ trì: ",
	SecretaryLabel:  "– Người ghi biên bản: ",
	PresentLabel:    "– Đại biểu chính thức – Có mặt: ",
	AbsentLabel:     "– Vắng mặt: ",
	CompositionText: "– Thành phần: ",

	SectionAttendance: "Thành phần hội nghị",
	SectionProceeding: "Diễn biến hội nghị",
	SectionConclusion: "Kết luận",

	AgendaIntro:   "Hội nghị nghe và thảo luận các nội dung:",
	PresenterForm: " (%s trình bày)",
	TurnsSentence: "Có %s lượt ý kiến phát biểu",
	TurnsColon:    ", tập trung vào các nội dung:",
	OwnerLabel:    "Thực hiện: ",
	DueLabel:      "thời hạn: ",

	ClosingForm: "Hội nghị kết thúc vào hồi %[1]s cùng ngày./.",

	ChairRole:     "CHỦ TRÌ HỘI NGHỊ",
	SecretaryRole: "THƯ KÝ",
}

var stateFormat = format{
	HeaderLeftWidth: 68,
	OrgSize:         13,
	MarkRuleLength:  0.4,
	NumberPrefix:    "Số: ",
	NumberSize:      13,
	Nation: []nationLine{
		{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, false},
		{"Độc lập - Tự do - Hạnh phúc", 14, true},
	},
	DateSize:  14,
	DateAlign: "C",

	DocTypeSize: 14,
	TitleSize:   14,
	BodySize:    14,

	Unit:             "đại biểu",
	TimeLabel:        "Thời gian bắt đầu: ",
	VenueLabel:       "Địa điểm: ",
	CompositionLabel: "Thành phần tham dự:",
	ChairLabel:       "Chủ trì (chủ tọa): ",
	SecretaryLabel:   "Thư ký (người ghi biên bản): ",
	PresentLabel:     "– Có mặt: ",
	AbsentLabel:      "– Vắng mặt: ",
	CompositionText:  "– Thành phần: ",

	SectionProceeding: "Nội dung (theo diễn biến cuộc họp):",

	AgendaIntro:    "Cuộc họp nghe và thảo luận các nội dung:",
	PresenterForm:  " (%s trình bày)",
	TurnsSentence:  "Có %s lượt ý kiến phát biểu",
	TurnsColon:     ", tập trung vào các nội dung:",
	ConclusionHead: "Kết luận của chủ trì (chủ tọa):",
	OwnerLabel:     "Thực hiện: ",
	DueLabel:       "thời hạn: ",

	ClosingForm: "Cuộc họp kết thúc vào %[1]s, %[2]s./.",

	ChairRole:     "CHỦ TỌA",
	SecretaryRole: "THƯ KÝ",
}

// The notice of conclusions (thông báo kết luận), Party and State. The
// parts of a notice are those of every document with a type name: the
// header with the number (25-TB/TU, 12/TB-UBND), THÔNG BÁO, the summary
// line (trích yếu) with a short line under it, the text, the signature
// block with its authority beside Nơi nhận.
type noticeFormat struct {
	TitleForm      string // %[1]s = who concluded (Party: the body; State: the chair's title), %[2]s = the meeting's title
	LowerFirst     bool   // lower the first letter of the title (Party: "kết luận của …")
	MeetingLower   []string
	TitleRule      string // under the summary line: dashes, or "" for a drawn rule
	TitleRuleShare float64
	OpeningForm    string // %[1]s = the date ("Ngày 25 tháng 3 năm 2021"), %[2]s = ", tại …" or "", %[3]s = the body, %[4]s = the meeting's title
	ChairForm      string // %s = the chairs
	CoChairForm    string // %s = the chairs, when several
	AttendedForm   string // %[1]s = the meeting word, %[2]s = the composition
	HeardForm      string // %[1]s = the meeting word, %[2]s = what it heard
	ConcludeForm   string // %s = who concluded: "Sau khi nghe …, đồng chí …, Bí thư Thành ủy kết luận như sau:"
	ConcludeQuiet  string // the same when no one spoke
	ClosingForm    string // %s = whose conclusions
	PersonPrefix   string
	MeetingWord    string // "Hội nghị", "cuộc họp"
	// LowerInSentence are the first words of a record's text (the
	// composition) that are lowered inside a sentence: "Tham dự cuộc họp
	// có các Phó Chủ tịch, …".
	LowerInSentence []string
}

var lowerInSentence = []string{"Các", "Những", "Toàn thể", "Đại diện", "Lãnh đạo", "Mời"}

var partyNotice = noticeFormat{
	TitleForm:     "kết luận của %[1]s tại %[2]s",
	LowerFirst:    true,
	TitleRule:     "-----",
	OpeningForm:   "%[1]s%[2]s, %[3]s tổ chức %[4]s.",
	ChairForm:     " %s chủ trì Hội nghị.",
	CoChairForm:   " %s đồng chủ trì Hội nghị.",
	AttendedForm:  " Tham dự %[1]s có %[2]s.",
	HeardForm:     " %[1]s đã nghe: %[2]s.",
	ConcludeForm:  "Sau khi nghe ý kiến phát biểu của các đại biểu, %s kết luận như sau:",
	ConcludeQuiet: "Sau khi thảo luận, %s kết luận như sau:",
	ClosingForm:   "Trên đây là kết luận của %s, thông báo để các cơ quan, đơn vị, cá nhân có liên quan biết, thực hiện./.",
	PersonPrefix:  "đồng chí ",
	MeetingWord:   "Hội nghị",
}

var stateNotice = noticeFormat{
	TitleForm:       "Kết luận của %[1]s tại %[2]s",
	MeetingLower:    []string{"Cuộc", "Phiên", "Buổi"},
	TitleRuleShare:  0.4, // "từ 1/3 đến 1/2 độ dài của dòng chữ"
	OpeningForm:     "%[1]s%[2]s, %[3]s tổ chức %[4]s.",
	ChairForm:       " %s chủ trì cuộc họp.",
	CoChairForm:     " %s đồng chủ trì cuộc họp.",
	AttendedForm:    " Tham dự %[1]s có %[2]s.",
	HeardForm:       " %[1]s đã nghe: %[2]s.",
	ConcludeForm:    "Sau khi nghe ý kiến phát biểu của các đại biểu dự họp, %s kết luận như sau:",
	ConcludeQuiet:   "Sau khi thảo luận, %s kết luận như sau:",
	ClosingForm:     "Trên đây là kết luận của %s, thông báo để các cơ quan, đơn vị, cá nhân có liên quan biết, thực hiện./.",
	PersonPrefix:    "đồng chí ",
	MeetingWord:     "cuộc họp",
	LowerInSentence: lowerInSentence,
}

// The summary line of a report is its title; it takes the same short line
// under it as a notice's.

// Report texts, for every period: a quarter, six or nine months, a year,
// any range of days.
const (
	quarterlyTitleForm     = "Tổng hợp các hội nghị %s" // %s = "quý I/2021", "6 tháng đầu năm 2021"…
	quarterlyPageForm      = "Trang %d/%d"
	quarterlyEmptyForm     = "Trong %s không có hội nghị nào được ghi nhận."
	reportPreviousForm     = "Kỳ trước (%s) có %s hội nghị với %s đại biểu tham dự."
	reportIntroForm        = "Trong %s đã tổ chức %s hội nghị với tổng số %s đại biểu tham dự (bình quân %s đại biểu mỗi hội nghị), %s lượt ý kiến phát biểu và %s kết luận, chỉ đạo."
	quarterlyFiguresHead   = "I. SỐ LIỆU CHUNG"
	quarterlyByOrgHead     = "Số liệu theo cơ quan, đơn vị"
	reportChartCaption     = "Biểu đồ: số hội nghị và số đại biểu theo %s"
	chartByMonth           = "tháng"
	chartByQuarter         = "quý"
	chartByYear            = "năm"
	quarterlyMeetingsHead  = "II. DANH SÁCH CÁC HỘI NGHỊ"
	quarterlyConcludeHead  = "III. KẾT LUẬN, CHỈ ĐẠO CỦA CÁC HỘI NGHỊ"
	quarterlyNoConclusions = "Các hội nghị trong %s không ghi kết luận."
	quarterlyTotal         = "Tổng cộng"

	// The columns of the figures table name each period ("Quý I/2021");
	// a range of days is named by these words, its dates under the table.
	periodThis         = "Kỳ báo cáo"
	periodPrevious     = "Kỳ trước"
	periodYearBefore   = "Cùng kỳ năm trước"
	periodVsYearBefore = "So với cùng kỳ"
	periodVsPrevious   = "So với kỳ trước"
)

// Rows of the figures table, in order, and the columns of the meetings table.
var (
	figureLabels = [...]string{
		"Số hội nghị",
		"Tổng số đại biểu",
		"Đại biểu bình quân mỗi hội nghị",
		"Lượt ý kiến phát biểu",
		"Kết luận, chỉ đạo",
	}
	// A year's report: the year beside the year before.
	figureColumns = [...]string{"Chỉ tiêu", "%s", "%s", "Tăng (+), giảm (−)"} // %s = "Năm 2021"
	figureWidths  = [...]float64{65, 32, 32, 36}
	// Any other period: beside the same period a year before and the period before.
	figureWidths6 = [...]float64{34, 24, 24, 29, 24, 30}

	meetingColumns = [...]string{"STT", "Ngày", "Tên hội nghị", "Chủ trì", "Đại biểu", "Lượt phát biểu"}
	meetingWidths  = [...]float64{11, 21, 60, 33, 19, 21}
	meetingAligns  = [...]string{"C", "C", "L", "L", "R", "R"}

	orgColumns = [...]string{"Cơ quan, đơn vị", "Hội nghị", "Đại biểu", "Lượt phát biểu", "Kết luận"}
	orgWidths  = [...]float64{69, 22, 24, 26, 24}

	chartSeries      = [...]string{"Số hội nghị", "Số đại biểu"}
	monthLabel       = "Tháng %d"
	monthShortLabel  = "T%d"    // beyond chartLongLabels months
	monthYearLabel   = "%d/%s"  // months of two years: 12/2020
	quarterLabel     = "Quý %s" // Quý I
	quarterYearLabel = "%s/%d"  // quarters of several years: I/2021
	chartLongLabels  = 9        // more bars than this take short labels
)
