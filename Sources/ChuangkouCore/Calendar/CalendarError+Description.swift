/// What an admin reads when a notice or a computation is refused, in Chinese and English.
extension CalendarError {
    public var chinese: String {
        switch self {
        case .reversedRange(let name): "「\(name)」的起止日期颠倒"
        case .outsideYear(let year, let day): "\(day) 不在\(year)年内"
        case .overlapping(let a, let b): "「\(a)」与「\(b)」的放假日期重叠"
        case .makeUpDayIsDayOff(let day, let name): "调休上班日 \(day) 同时是「\(name)」的放假日"
        case .duplicateYear(let year): "\(year)年出现了两次"
        case .negativeCount(let count): "工作日数不能为负数 (\(count))"
        case .notADate(let text): "「\(text)」不是 YYYY-MM-DD 格式的日期"
        case .unnamedDaysOff(let from): "从 \(from) 开始的放假缺少节日名称"
        case .outOfRange(let from, let days): "\(from) 加 \(days) 天超出可计算的日期范围 (公元1年至9999年)"
        }
    }

    public var english: String {
        switch self {
        case .reversedRange(let name): "\(name): the range ends before it starts"
        case .outsideYear(let year, let day): "\(day) is not in \(year)"
        case .overlapping(let a, let b): "\(a) and \(b) overlap"
        case .makeUpDayIsDayOff(let day, let name): "make-up working day \(day) is also a day off (\(name))"
        case .duplicateYear(let year): "\(year) is given twice"
        case .negativeCount(let count): "a number of working days cannot be negative (\(count))"
        case .notADate(let text): "\"\(text)\" is not a YYYY-MM-DD date"
        case .unnamedDaysOff(let from): "the days off from \(from) have no name"
        case .outOfRange(let from, let days): "\(from) plus \(days) days is beyond the dates that can be counted (years 1–9999)"
        }
    }
}
