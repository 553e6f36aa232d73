using Section11.Core.Email;

namespace Section11.Core.Tests.Email;

public sealed class AccountEmailsTests
{
    // Europe/London is on this machine (tzdata); in winter UK time is UTC, in summer UTC+1.
    [Theory]
    [InlineData(2027, 1, 14, 15, 0, "3pm on 14 January 2027 (UK time)")]
    [InlineData(2027, 1, 14, 15, 5, "3:05pm on 14 January 2027 (UK time)")]
    [InlineData(2027, 1, 14, 0, 0, "12am on 14 January 2027 (UK time)")]
    [InlineData(2027, 7, 14, 9, 30, "10:30am on 14 July 2027 (UK time)")]
    public void Times_in_emails_are_written_the_GOV_UK_way_including_on_the_hour(int year, int month, int day, int hour, int minute, string expected) =>
        Assert.Equal(expected, AccountEmails.UkTime(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc)));
}
