using System.Linq.Expressions;
using System.Reflection;

namespace Forum.Data;

/// <summary>
/// One query rule written once as an expression, used inside other queries (compiled ones included): EF translates the
/// rule's body, not a call to it. <see cref="Apply{T,TArg}"/> marks where it goes; <see cref="Inline{T1,T2,T3,TResult}"/> puts it there.
/// </summary>
internal static class ExpressionSplice
{
    private static readonly MethodInfo ApplyMethod = typeof(ExpressionSplice).GetMethod(nameof(Apply))!.GetGenericMethodDefinition();

    /// <summary>A marker for <see cref="Inline{T1,T2,T3,TResult}"/>; never runs.</summary>
    public static bool Apply<T, TArg>(Expression<Func<T, TArg, bool>> rule, T row, TArg arg) =>
        throw new InvalidOperationException("ExpressionSplice.Apply only marks a place in a query given to ExpressionSplice.Inline.");

    /// <summary>The query with every <see cref="Apply{T,TArg}"/> replaced by the rule's body over its arguments.</summary>
    public static Expression<Func<T1, T2, T3, TResult>> Inline<T1, T2, T3, TResult>(Expression<Func<T1, T2, T3, TResult>> query) =>
        (Expression<Func<T1, T2, T3, TResult>>)new Inliner().Visit(query);

    /// <summary>The rule with its second argument fixed to <paramref name="arg"/> (sent as a parameter, as a captured variable is).</summary>
    public static Expression<Func<T, bool>> Bind<T, TArg>(Expression<Func<T, TArg, bool>> rule, TArg arg)
    {
        var captured = Expression.Property(Expression.Constant(new Captured<TArg>(arg)), nameof(Captured<TArg>.Value));
        return Expression.Lambda<Func<T, bool>>(new Replacer(rule.Parameters[1], captured).Visit(rule.Body), rule.Parameters[0]);
    }

    private sealed record Captured<TArg>(TArg Value);

    private sealed class Inliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (!node.Method.IsGenericMethod || node.Method.GetGenericMethodDefinition() != ApplyMethod) return base.VisitMethodCall(node);
            var rule = (LambdaExpression)Expression.Lambda(node.Arguments[0]).Compile().DynamicInvoke()!;
            var body = new Replacer(rule.Parameters[0], Visit(node.Arguments[1])).Visit(rule.Body);
            return new Replacer(rule.Parameters[1], Visit(node.Arguments[2])).Visit(body);
        }
    }

    private sealed class Replacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
