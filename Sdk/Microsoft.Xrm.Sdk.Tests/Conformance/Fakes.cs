using System.Collections.Generic;

// Small types with every shape the comparer must tell apart, listed in SurfaceComparerTests.FakeListing.
namespace Microsoft.Xrm.Sdk.Tests.Conformance.Fakes;

public interface IShelf
{
    int Count { get; }

    void Put(string item);
}

public class Basket : IShelf
{
    public static readonly Basket Empty = new();

    private readonly List<string> _items = new();

    public Basket()
    {
    }

    protected internal Basket(IList<string> items)
    {
        _items.AddRange(items);
    }

    public int Count { get; internal set; }

    public virtual decimal? Total { get; set; }

    public string this[int index] => _items[index];

    public void Put(string item) => _items.Add(item);

    public void PutAll(params string[] items) => _items.AddRange(items);

    public virtual T Find<T>(string name, out T found)
        where T : class
    {
        found = null!;
        return found;
    }

    public override string ToString() => string.Join(",", _items);

    protected virtual void OnChanged() => Count = _items.Count;
}

public sealed class WickerBasket : Basket
{
}

public enum Fruit
{
    Apple = 1,
    Pear = 2,
}

public sealed class Crate<T>
    where T : class
{
}

public class Unlisted
{
}

[System.Flags]
public enum Ripeness
{
    Green = 1,
    Ripe = 2,
}

[System.AttributeUsage(System.AttributeTargets.Class)]
public sealed class OrchardAttribute(string name) : System.Attribute
{
    public string Name { get; } = name;
}

public static class BasketExtensions
{
    public const int Capacity = 12;

    public const string Label = "basket";

    public static int Room(this Basket basket) => Capacity - basket.Count;
}
