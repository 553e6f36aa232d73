using Section11.Core.Reporting;

namespace Section11.Web.Pages.Returns;

/// <summary>The return report as a Word document.</summary>
public class ReportDocxModel(ReturnReportService reports) : ReportFileModel(reports, "docx");
