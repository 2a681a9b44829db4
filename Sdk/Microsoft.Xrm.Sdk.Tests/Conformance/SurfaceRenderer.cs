using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;

namespace Microsoft.Xrm.Sdk.Tests.Conformance;

/// <summary>
/// Renders a compiled type as the listing would show it: only what other assemblies can see (public,
/// protected, protected internal), only what the type itself declares, without compiler-generated
/// members (accessor methods, backing fields, enum value__).
/// </summary>
internal static class SurfaceRenderer
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(decimal)] = "decimal",
        [typeof(double)] = "double",
        [typeof(float)] = "float",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(void)] = "void",
    };

    private static readonly ConcurrentDictionary<string, MetadataReaderProvider> Metadata = new(StringComparer.Ordinal);

    public static SurfaceType Render(Type type)
    {
        var kind = type.IsInterface ? "interface"
            : type.IsEnum ? "enum"
            : type.IsValueType ? "struct"
            : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
            : "class";

        var bases = new HashSet<string>(StringComparer.Ordinal);
        if (kind == "class" && type.BaseType != null && type.BaseType != typeof(object))
        {
            bases.Add(TypeName(type.BaseType));
        }

        if (kind != "enum")
        {
            foreach (var declared in DeclaredInterfaces(type))
            {
                bases.Add(TypeName(declared));
            }
        }

        var modifiers = new HashSet<string>(StringComparer.Ordinal);
        if (kind == "class")
        {
            if (type.IsAbstract)
            {
                modifiers.Add("abstract");
            }

            if (type.IsSealed)
            {
                modifiers.Add("sealed");
            }

            // Where an attribute may be put is part of its contract: code that applies it elsewhere does not compile.
            if (type.GetCustomAttributes(typeof(AttributeUsageAttribute), inherit: false) is [AttributeUsageAttribute usage])
            {
                modifiers.Add("usage=" + usage.ValidOn.ToString().Replace(", ", "|", StringComparison.Ordinal));
                if (usage.AllowMultiple)
                {
                    modifiers.Add("allow-multiple");
                }

                if (!usage.Inherited)
                {
                    modifiers.Add("not-inherited");
                }
            }
        }

        if (kind == "enum" && type.IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            modifiers.Add("flags");
        }

        var fullName = Signature.Normalize(type.Namespace + "." + TypeName(type));
        var members = (kind == "enum" ? EnumMembers(type) : Members(type)).Select(Signature.Normalize).ToList();
        var constraints = type.IsGenericTypeDefinition ? Signature.Normalize(Constraints(type.GetGenericArguments())) : string.Empty;
        return new SurfaceType(kind, fullName, bases, modifiers, constraints, members);
    }

    /// <summary>
    /// The interfaces in the type's own InterfaceImpl rows: what its declaration names (and, as C# emits
    /// them, their base interfaces), not those it inherits from its base class. Reflection alone cannot tell
    /// a re-declared interface (Exception, ISerializable) from an inherited one, so this reads the metadata.
    /// </summary>
    public static IEnumerable<Type> DeclaredInterfaces(Type type)
    {
        var provider = Metadata.GetOrAdd(type.Assembly.Location, path =>
        {
            using var stream = File.OpenRead(path);
            using var image = new PEReader(stream);
            return MetadataReaderProvider.FromMetadataImage(image.GetMetadata().GetContent());
        });
        var reader = provider.GetMetadataReader();
        var definition = reader.GetTypeDefinition((TypeDefinitionHandle)MetadataTokens.EntityHandle(type.MetadataToken));
        var genericArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        return definition.GetInterfaceImplementations()
            .Select(handle => reader.GetInterfaceImplementation(handle).Interface)
            .Select(handle => type.Module.ResolveType(MetadataTokens.GetToken(handle), genericArguments, null))
            .ToList();
    }

    public static string TypeName(Type type)
    {
        if (type.IsByRef || type.IsPointer)
        {
            return TypeName(type.GetElementType()!) + (type.IsPointer ? "*" : string.Empty);
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
        {
            return TypeName(type.GetGenericArguments()[0]) + "?";
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }

        return type.IsNested && !type.IsGenericParameter ? TypeName(type.DeclaringType!) + "." + name : name;
    }

    private static IEnumerable<string> EnumMembers(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(f => f.IsLiteral)
            .Select(f => $"{f.Name} = {Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}")
            .Concat(type.GetMembers(Declared)
                .Where(m => m is not FieldInfo { IsLiteral: true } && !(m is FieldInfo f && f.IsSpecialName))
                .Select(m => $"unexpected {m.MemberType} {m.Name}"));

    private static IEnumerable<string> Members(Type type)
    {
        var properties = type.GetProperties(Declared);
        var events = type.GetEvents(Declared);
        var accessors = new HashSet<MethodInfo>(
            properties.SelectMany(p => p.GetAccessors(true))
                .Concat(events.SelectMany(e => new[] { e.AddMethod, e.RemoveMethod, e.RaiseMethod }).OfType<MethodInfo>()));

        foreach (var constructor in type.GetConstructors(Declared).Where(c => IsVisible(c)))
        {
            yield return $"ctor {Access(constructor)} {SimpleName(type)}({Parameters(constructor)})";
        }

        foreach (var field in type.GetFields(Declared).Where(f => IsVisible(f.Attributes & FieldAttributes.FieldAccessMask)))
        {
            var modifiers = field.IsLiteral ? " const" : (field.IsStatic ? " static" : string.Empty) + (field.IsInitOnly ? " readonly" : string.Empty);

            // A const is compiled into its callers, so its value is part of the contract.
            var value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue()) : string.Empty;
            yield return $"field {Access(field.Attributes & FieldAttributes.FieldAccessMask)}{modifiers} {TypeName(field.FieldType)} {field.Name}{value}";
        }

        foreach (var property in properties)
        {
            var visible = property.GetAccessors(true).Where(IsVisible).ToList();
            if (visible.Count == 0)
            {
                continue;
            }

            var widest = visible.OrderBy(a => Rank(a.Attributes & MethodAttributes.MemberAccessMask)).First();
            var access = Access(widest);
            var head = Head(type, widest);
            var parameters = property.GetIndexParameters();
            var name = parameters.Length > 0 ? $"this[{Parameters(parameters)}]" : property.Name;
            var accessorList = string.Join(" ", new[] { ("get", property.GetMethod), ("set", property.SetMethod) }
                .Where(a => a.Item2 != null)
                .Select(a => (Access(a.Item2!) == access ? string.Empty : Access(a.Item2!) + " ") + a.Item1 + ";"));
            yield return $"{(parameters.Length > 0 ? "indexer" : "property")} {head}{TypeName(property.PropertyType)} {name} {{ {accessorList} }}";
        }

        foreach (var @event in events.Where(e => e.AddMethod != null && IsVisible(e.AddMethod)))
        {
            yield return $"event {Head(type, @event.AddMethod!)}{TypeName(@event.EventHandlerType!)} {@event.Name}";
        }

        foreach (var method in type.GetMethods(Declared).Where(m => IsVisible(m) && !accessors.Contains(m)))
        {
            var generic = method.IsGenericMethodDefinition
                ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
                : string.Empty;
            yield return $"method {Head(type, method)}{TypeName(method.ReturnType)} {method.Name}{generic}({Parameters(method)}){Constraints(method)}";
        }

        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
                     .Where(n => n.IsNestedPublic || n.IsNestedFamily || n.IsNestedFamORAssem))
        {
            yield return $"nested type {nested.Name}";
        }
    }

    /// <summary>Accessibility and modifiers, as C# would write them; nothing for an ordinary interface member.</summary>
    private static string Head(Type type, MethodInfo method)
    {
        if (type.IsInterface && method.IsAbstract && !method.IsStatic)
        {
            return string.Empty;
        }

        var newSlot = (method.Attributes & MethodAttributes.VtableLayoutMask) == MethodAttributes.NewSlot;
        var modifiers = new List<string> { Access(method) };
        if (method.IsStatic)
        {
            modifiers.Add("static");
        }

        if (method.IsAbstract)
        {
            modifiers.Add(newSlot || type.IsInterface ? "abstract" : "abstract override");
        }
        else if (method.IsVirtual && !method.IsFinal)
        {
            modifiers.Add(newSlot ? "virtual" : "override");
        }
        else if (method.IsVirtual && !newSlot)
        {
            modifiers.Add("sealed override");
        }

        // virtual + final + newslot is how C# compiles a non-virtual method that implements an interface:
        // not virtual in the language, so nothing to add.
        return string.Join(" ", modifiers) + " ";
    }

    private static string Parameters(MethodBase method) =>
        (method.IsDefined(typeof(ExtensionAttribute), false) ? "this " : string.Empty) + Parameters(method.GetParameters());

    private static string Parameters(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(p =>
        {
            var prefix = p.IsDefined(typeof(ParamArrayAttribute), false) ? "params "
                : !p.ParameterType.IsByRef ? string.Empty
                : p.IsOut ? "out "
                : p.IsDefined(typeof(IsReadOnlyAttribute), false) ? "in "
                : "ref ";
            var defaultValue = p.HasDefaultValue ? " = " + Literal(p.DefaultValue) : string.Empty;
            return $"{prefix}{TypeName(p.ParameterType)} {p.Name}{defaultValue}";
        }));

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!,
    };

    private static string Constraints(MethodInfo method) =>
        method.IsGenericMethodDefinition ? Constraints(method.GetGenericArguments()) : string.Empty;

    private static string Constraints(Type[] genericParameters)
    {
        var clauses = new List<string>();
        foreach (var argument in genericParameters)
        {
            var attributes = argument.GenericParameterAttributes;
            var parts = new List<string>();
            if ((attributes & GenericParameterAttributes.ReferenceTypeConstraint) != 0)
            {
                parts.Add("class");
            }

            var isStruct = (attributes & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0;
            if (isStruct)
            {
                parts.Add("struct");
            }

            parts.AddRange(argument.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(TypeName));
            if (!isStruct && (attributes & GenericParameterAttributes.DefaultConstructorConstraint) != 0)
            {
                parts.Add("new()");
            }

            if (parts.Count > 0)
            {
                clauses.Add($" where {argument.Name} : {string.Join(", ", parts)}");
            }
        }

        return string.Concat(clauses);
    }

    private static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    private static bool IsVisible(MethodBase method) => IsVisible((FieldAttributes)(int)(method.Attributes & MethodAttributes.MemberAccessMask));

    // FieldAttributes and MethodAttributes share the access values (Public = 6, Family = 4, FamORAssem = 5).
    private static bool IsVisible(FieldAttributes access) =>
        access is FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem;

    private static string Access(MethodBase method) => Access((FieldAttributes)(int)(method.Attributes & MethodAttributes.MemberAccessMask));

    private static string Access(FieldAttributes access) => access switch
    {
        FieldAttributes.Public => "public",
        FieldAttributes.Family => "protected",
        FieldAttributes.FamORAssem => "protected internal",
        FieldAttributes.Assembly => "internal",
        FieldAttributes.FamANDAssem => "private protected",
        _ => "private",
    };

    private static int Rank(MethodAttributes access) => access switch
    {
        MethodAttributes.Public => 0,
        MethodAttributes.FamORAssem => 1,
        MethodAttributes.Family => 2,
        MethodAttributes.Assembly => 3,
        MethodAttributes.FamANDAssem => 4,
        _ => 5,
    };
}
