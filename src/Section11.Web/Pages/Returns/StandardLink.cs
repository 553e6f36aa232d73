using Section11.Core.Frameworks;

namespace Section11.Web.Pages.Returns;

/// <summary>A standard's page: a partnership's own local section carries its round, as two of a shared return may share a number.</summary>
public static class StandardLink
{
    public static string To(int returnId, Standard standard) =>
        standard.RoundId is { } round ? $"/returns/{returnId}/standards/{standard.Number}?round={round}" : $"/returns/{returnId}/standards/{standard.Number}";
}
