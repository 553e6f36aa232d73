using Section11.Core.Exports;
using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Rounds;

namespace Section11.Core.Reporting.Exports;

/// <summary>
/// A whole round's data for a partnership's own analysis: an Excel workbook (<see cref="WriteXlsx(RoundData, Stream)"/>:
/// a summary sheet and one sheet per standard) or a long-format CSV file (<see cref="WriteCsv"/>: one row per agency and item).
/// Every agency in the round is listed with its status, so the files show who is missing; only submitted returns
/// contribute ratings, evidence and statements (<see cref="DraftsRule"/>).
/// </summary>
public static partial class RoundExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv";

    /// <summary>Said in the workbook's notes and on the export page.</summary>
    public const string DraftsRule =
        "Returns that are not submitted are listed with their status so you can see who is missing, but their answers are left blank: "
        + "a draft has not been signed off and can still change. Only submitted returns are counted.";

    /// <summary>"section-11-audit-2026-round-export.xlsx" for the round "Section 11 audit 2026".</summary>
    public static string FileName(string roundTitle, string extension) => $"{ExportText.Slug(roundTitle, whenEmpty: "round")}-round-export.{extension}";

    /// <summary>Writes both files for a round into <paramref name="folder"/> and returns their paths (xlsx, then csv).</summary>
    public static (string Xlsx, string Csv) WriteFiles(RoundData data, string folder, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        var xlsx = Path.Combine(folder, FileName(data.Round.Title, "xlsx"));
        var csv = Path.Combine(folder, FileName(data.Round.Title, "csv"));
        using (var stream = File.Create(xlsx))
        {
            WriteXlsx(data, stream, generatedAt);
        }

        using (var stream = File.Create(csv))
        {
            WriteCsv(data, stream);
        }

        return (xlsx, csv);
    }

    /// <summary>
    /// A rough size of each file before it is made, for the export page: it assumes about 250 characters of evidence and
    /// actions per submitted answer (the real figure depends on what agencies wrote). Measured on a synthetic round of 500
    /// agencies × 59 items: the CSV is about the size of its text, the workbook, being compressed, about a third of that.
    /// </summary>
    public static (long Xlsx, long Csv) EstimateSizes(RoundSummary round, FrameworkVersion framework)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(framework);
        const int AnswerText = 250, RowFields = 100;
        var items = framework.Standards.SelectMany(s => s.Items.Select(i => i.Text.Length + s.Title.Length)).ToList();
        var perReturn = items.Sum() + (items.Count * (RowFields + round.Title.Length));
        var answerText = (long)round.Submitted * items.Count * AnswerText;
        var csv = (round.Returns * (long)perReturn) + answerText;
        var xlsx = 20_000 + (answerText * 2 / 5) + ((long)round.Returns * items.Count * 12);
        return (xlsx, csv);
    }

    /// <summary>The answer a file shows: none for a return that is not submitted.</summary>
    private static AnswerRow? Shown(RoundData data, RoundReturn r, Item item) => r.IsSubmitted ? data.Answer(r.ReturnId, item.Id) : null;

    private static EvaluationRow? Shown(RoundData data, RoundReturn r, Standard standard) => r.IsSubmitted ? data.Evaluation(r.ReturnId, standard.Id) : null;
}
