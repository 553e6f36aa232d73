using Section11.Core.Frameworks;
using Section11.Core.Organisations;
using Section11.Core.Rounds;
using Section11.Core.Returns;

namespace Section11.Core.Tests.Support;

/// <summary>A return started for one round, as a launch starts it: with its receipt.</summary>
public static class TestReturns
{
    public static Return Start(Round round, Agency agency, FrameworkVersion framework, DateTime at) =>
        Return.Start(Receipt.For(round, agency, at), framework, at);
}
