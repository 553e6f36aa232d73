using Section11.Core.Reporting;

namespace Section11.Web.Pages.Returns;

/// <summary>The return report as a PDF.</summary>
public class ReportPdfModel(ReturnReportService reports) : ReportFileModel(reports, "pdf");
