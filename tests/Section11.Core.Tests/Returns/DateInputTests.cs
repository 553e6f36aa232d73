using Section11.Core.ActionPlans;
using Section11.Core.Returns;

namespace Section11.Core.Tests.Returns;

/// <summary>The one date parser every date field uses (issue 11, item 7), and the one enum parser (item 9).</summary>
[Trait("Category", "Security")]
public sealed class DateInputTests
{
    [Theory]
    [InlineData("1", "1", "0000", "must be a real date")]
    [InlineData("31", "2", "2027", "must be a real date")]
    [InlineData("29", "2", "2027", "must be a real date")]
    [InlineData("0", "1", "2027", "must be a real date")]
    [InlineData("1", "0", "2027", "must be a real date")]
    [InlineData("1", "13", "2027", "must be a real date")]
    [InlineData("-1", "1", "2027", "must be a real date")]
    [InlineData("1", "-1", "2027", "must be a real date")]
    [InlineData("1", "1", "-202", "must be a real date")]
    [InlineData("one", "1", "2027", "must be a real date")]
    [InlineData("1e1", "1", "2027", "must be a real date")]
    [InlineData("+1", "1", "2027", "must be a real date")]
    [InlineData("\u0661", "1", "2027", "must be a real date")]
    [InlineData("99999999999999999999", "1", "2027", "must be a real date")]
    [InlineData("1", "99999999999", "2027", "must be a real date")]
    [InlineData("1", "1", "10000", "must include a year with 4 numbers, for example 2027")]
    [InlineData("1", "1", "99999999999999999999", "must include a year with 4 numbers, for example 2027")]
    [InlineData("1", "1", "27", "must include a year with 4 numbers, for example 2027")]
    [InlineData("1", "1", "0099", "must be a real date between 1900 and 2999")]
    [InlineData("1", "1", "3000", "must be a real date between 1900 and 2999")]
    [InlineData("31", "12", "9999", "must be a real date between 1900 and 2999")]
    public void An_impossible_date_is_an_error_never_an_exception(string day, string month, string year, string error)
    {
        var (date, message) = new DateInput(day, month, year).Parse();
        Assert.Null(date);
        Assert.Equal(error, message);
    }

    [Theory]
    [InlineData("29", "2", "2028", 2028, 2, 29)]
    [InlineData(" 01 ", "03", " 2027", 2027, 3, 1)]
    [InlineData("31", "12", "2999", 2999, 12, 31)]
    [InlineData("1", "1", "1900", 1900, 1, 1)]
    public void A_real_date_is_read(string day, string month, string year, int y, int m, int d) =>
        Assert.Equal((new DateOnly(y, m, d), (string?)null), new DateInput(day, month, year).Parse());

    [Theory]
    [InlineData("7")]
    [InlineData("-1")]
    [InlineData("2")]
    [InlineData("Red,Green")]
    [InlineData("Amber, Green")]
    [InlineData(" Green")]
    [InlineData("green")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_a_defined_name_is_an_enum_value(string? text) => Assert.False(StrictEnum.TryParse<Rag>(text, out _));

    [Fact]
    public void A_defined_name_is_read() => Assert.Equal(Rag.Green, StrictEnum.ParseOrNull<Rag>("Green"));
}
