import Foundation
import Allocation
import ScenarioFiles

/// The comments `allocate init` writes into the scenario file, in the terminal's language
/// (`--lang`, then LANG/LC_ALL): German words here, English from their one owner in
/// ScenarioFiles (`EnglishInitComments`). Only comments change; the keys and values the file
/// holds are the same in both languages, so it loads and round-trips alike.
extension StatusWords {
    public var initComments: any InitComments {
        w.language == .de ? GermanInitComments(words: self) : EnglishInitComments()
    }
}

struct GermanInitComments: InitComments {
    let words: StatusWords
    private var f: NumberStyle { NumberStyle(.de) }

    func header(_ i: InitFacts) -> [String] {
        ["Szenario für \(i.name) (amtlicher Gemeindeschlüssel \(i.key)), erstellt mit",
         "  allocate init --municipality \(i.key)",
         "Schulen: die \(f.int(i.schools)) öffentlichen Schulen der Gemeinde in der NRW-Schulliste 2024/25",
         "(\(f.int(i.pupils)) Schülerinnen und Schüler, \(f.int(i.teachers)) Lehrkräfte (geschätzt); IT.NRW, dl-de/by-2-0).",
         "Förderprogramme: der Anteil der Gemeinde an jedem Programm nach der Regel des Programms in der Vorlage",
         "(pools.<id>.split), angewandt auf die \(f.int(i.stateSchools)) öffentlichen Schulen der Liste.",
         "Jeder Wert der Vorlage kann hier überschrieben werden."]
    }

    func share(_ note: ShareNote) -> String {
        switch note {
        case .referenceScaled(let m): return "\(f.money(m)) des Referenz-Schulträgers, nach dem Schülerschlüssel hochgerechnet"
        case .keyShare(let m): return "\(f.money(m)) × Anteil dieser Gemeinde am Schülerschlüssel"
        case let .perDevice(amount, count, basis):
            return "\(f.money(amount)) × \(f.int(count)) \(basis == .pupils ? "Schülerinnen und Schüler" : "Lehrkräfte")"
        case .table(let file): return "aus \(file)"
        }
    }

    func referenceNote(schools: Int) -> [String] { words.referenceNote(schools: schools) }
}
