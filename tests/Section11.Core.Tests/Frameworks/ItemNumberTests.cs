using Section11.Core.Frameworks;

namespace Section11.Core.Tests.Frameworks;

public class ItemNumberTests
{
    [Theory]
    [InlineData("5.10", "0005.0010")]
    [InlineData("5.2", "0005.0002")]
    [InlineData("12.3.1", "0012.0003.0001")]
    [InlineData("05.02", "0005.0002")]
    public void Sort_key_pads_each_part_to_four_digits(string number, string key) =>
        Assert.Equal(key, ItemNumber.SortKey(number));

    [Theory]
    [InlineData("5.2", "5.10", -1)]
    [InlineData("5.10", "5.9", 1)]
    [InlineData("6.13", "6.13", 0)]
    [InlineData("9.2", "10.1", -1)]
    [InlineData("5", "5.1", -1)]
    [InlineData("5.1", "5.1.1", -1)]
    public void Compare_orders_part_by_part_as_numbers(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(ItemNumber.Compare(a, b)));

    [Theory]
    [InlineData("1.1", true)]
    [InlineData("5.10", true)]
    [InlineData("1", true)]
    [InlineData("1.2.3", true)]
    [InlineData("", false)]
    [InlineData("1.x", false)]
    [InlineData("1..2", false)]
    [InlineData("1.", false)]
    [InlineData(".1", false)]
    [InlineData("1.10000", false)]
    [InlineData("1,1", false)]
    [InlineData("1.١", false)]
    public void Is_valid_accepts_only_dotted_ascii_digits(string number, bool valid) =>
        Assert.Equal(valid, ItemNumber.IsValid(number));

    [Fact]
    public void Sorting_a_standard_puts_5_10_to_5_12_after_5_9()
    {
        string[] shuffled = ["5.10", "5.1", "5.12", "5.2", "5.9", "5.11", "5.3"];

        Assert.Equal(["5.1", "5.2", "5.3", "5.9", "5.10", "5.11", "5.12"], shuffled.Order(Comparer<string>.Create(ItemNumber.Compare)));
    }
}
