import ArgumentParser
import Foundation
import Reports

/// `--lang` for every command that prints text or writes CSV: the terminal follows `--lang`,
/// then `LC_ALL`/`LC_MESSAGES`/`LANG` (German when it says de), else English; CSV headers are
/// German only with `--lang de` (without it, the English set as before).
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"),
            help: "de or en: the language of the text, charts and CSV headers (default: the terminal's locale, German when LANG says de; CSV headers English).")
    var lang: String?

    func validate() throws {
        if let lang, ReportLanguage(rawValue: lang) == nil { throw ValidationError("--lang: found '\(lang)', allowed: de, en") }
    }

    /// The language of what is printed and of charts.
    var terminal: ReportLanguage { ReportLanguage.terminal(lang) ?? .en }
    /// The header set of CSV files: German only when asked for.
    var csv: ReportLanguage { lang.flatMap(ReportLanguage.init(rawValue:)) ?? .en }
    /// The council report's and workbook's language: German unless asked otherwise.
    var report: ReportLanguage { lang.flatMap(ReportLanguage.init(rawValue:)) ?? .de }
}
