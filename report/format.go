package report

// Everything an office may need to correct about the printed layout lives in
// this file: page geometry, type sizes, fixed texts and labels. The research
// behind it (Hướng dẫn 36-HD/VPTW and 16-HD/VPTW for Party bodies, Nghị định
// 30/2020/NĐ-CP Mẫu 1.9 for State bodies) could not read every primary text,
// so the values are kept together where they can be changed without touching
// the layout or the renderer.

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
	tableSpace      = 4.0           // points before a table
	cellPad         = 1.2           // mm inside every table cell
	tableRule       = 0.2           // mm
	chartSpace      = 4.0           // points before the chart
	chartHeight     = 72.0          // mm
	tableHeadGray   = 235           // shading of a table's header row
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
	substitute       = '□' // printed for a rune the font lacks; Liberation Serif has it
)

// headerBreakBefore lists the administrative units before which a body's
// name is broken when it needs two lines in the header.
var headerBreakBefore = []string{"THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "PHƯỜNG", "XÃ", "HUYỆN", "QUẬN", "TỈNH"}

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

// Quarterly report texts.
const (
	quarterlyTitleForm     = "Tổng hợp các hội nghị %s" // %s = "quý I/2021"
	quarterlyPageForm      = "Trang %d/%d"
	quarterlyEmptyForm     = "Trong %s không có hội nghị nào được ghi nhận."
	quarterlyFiguresHead   = "I. SỐ LIỆU CHUNG"
	quarterlyByOrgHead     = "Số liệu theo cơ quan, đơn vị"
	quarterlyChartCaption  = "Biểu đồ: số hội nghị và số đại biểu theo tháng"
	quarterlyMeetingsHead  = "II. DANH SÁCH CÁC HỘI NGHỊ"
	quarterlyConcludeHead  = "III. KẾT LUẬN, CHỈ ĐẠO CỦA CÁC HỘI NGHỊ"
	quarterlyNoConclusions = "Các hội nghị trong quý không ghi kết luận."
	quarterlyTotal         = "Tổng cộng"
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
	figureColumns = [...]string{"Chỉ tiêu", "%s", "%s", "Tăng (+), giảm (−)"} // %s = "Quý I/2021"
	figureWidths  = [...]float64{65, 32, 32, 36}

	meetingColumns = [...]string{"STT", "Ngày", "Tên hội nghị", "Chủ trì", "Đại biểu", "Lượt phát biểu"}
	meetingWidths  = [...]float64{11, 21, 60, 33, 19, 21}
	meetingAligns  = [...]string{"C", "C", "L", "L", "R", "R"}

	orgColumns = [...]string{"Cơ quan, đơn vị", "Hội nghị", "Đại biểu", "Lượt phát biểu", "Kết luận"}
	orgWidths  = [...]float64{69, 22, 24, 26, 24}

	chartSeries = [...]string{"Số hội nghị", "Số đại biểu"}
	monthLabel  = "Tháng %d"
)
