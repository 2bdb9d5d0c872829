# Parse/format/structure check of Ferry's Ecto output (Ecto itself cannot be installed: no Hex).
#
#   elixir check.exs <generated root>
#
# 1. Parses every .ex/.exs file under the root with Elixir's own parser; prints "error\t<file>\t<message>".
# 2. Walks the parsed modules and prints what they declare, one tab-separated line each:
#      schema     Module  prefix  source  primary_key(default|false)
#      field      Module  name  column  type  primary_key  enum_values(comma-separated)
#      belongs_to Module  name  Target  foreign_key  column  references  type  define_field  primary_key
#      has_many / has_one   Module  name  Target  foreign_key  references
#      many_to_many Module  name  Target  join_through  join_keys(k=v,k=v)
#      table      prefix.name            (an Ecto migration's create table(...))
#      add        prefix.name  column  type  null  primary_key  default
#    The Java test compares these with the live catalog and the relationship model.
# (mix format --check-formatted runs separately, from the root, with the generated .formatter.exs.)

defmodule FerryCheck do
  def main([root]) do
    files = Path.wildcard(Path.join(root, "**/*.{ex,exs}"), match_dot: true)
    asts =
      for file <- files, reduce: [] do
        acc ->
          case Code.string_to_quoted(File.read!(file), file: file, columns: true) do
            {:ok, ast} -> [{file, ast} | acc]
            {:error, {meta, message, token}} ->
              IO.puts("error\t#{file}\t#{inspect(meta)} #{inspect(message)} #{inspect(token)}")
              acc
          end
      end

    IO.puts("parsed\t#{length(asts)}\t#{length(files)}")
    modules = Enum.flat_map(asts, fn {_file, ast} -> modules(ast) end)
    prefixes = for {name, body} <- modules, prefix = shared_prefix(body), into: %{}, do: {name, prefix}
    for {name, body} <- modules, do: schema(name, body, prefixes)
    for {_name, body} <- modules, do: migration(body)
  end

  defp migration(body) do
    Enum.each(body, fn
      {:def, _, [{:up, _, _}, [do: up]]} -> Enum.each(block(up), &migration_statement/1)
      _ -> :ok
    end)
  end

  defp migration_statement({:create, _, [{:table, _, [name, opts]}, [do: columns]]}) do
    table = "#{Keyword.fetch!(opts, :prefix)}.#{name}"
    row(["table", table])

    Enum.each(block(columns), fn {:add, _, [column, type | rest]} ->
      opts = List.first(rest, [])
      default =
        case Keyword.get(opts, :default) do
          {:fragment, _, [sql]} -> sql
          nil -> ""
        end

      row(["add", table, column, type, Keyword.get(opts, :null, true), Keyword.get(opts, :primary_key, false), default])
    end)
  end

  defp migration_statement(_other), do: :ok

  defp modules(ast) do
    {_, found} =
      Macro.prewalk(ast, [], fn
        {:defmodule, _, [{:__aliases__, _, parts}, [do: body]]} = node, acc ->
          {node, [{Enum.join(parts, "."), block(body)} | acc]}

        node, acc ->
          {node, acc}
      end)

    found
  end

  defp block({:__block__, _, statements}), do: statements
  defp block(statement), do: [statement]

  defp shared_prefix(body) do
    Enum.find_value(body, fn
      {:defmacro, _, [{:__using__, _, _}, [do: {:quote, _, [[do: quoted]]}]]} ->
        Enum.find_value(block(quoted), fn
          {:@, _, [{:schema_prefix, _, [prefix]}]} -> prefix
          _ -> nil
        end)

      _ ->
        nil
    end)
  end

  defp schema(module, body, prefixes) do
    used = Enum.find_value(body, fn
      {:use, _, [{:__aliases__, _, parts}]} -> Enum.join(parts, ".")
      _ -> nil
    end)

    key = if Enum.any?(body, &match?({:@, _, [{:primary_key, _, [false]}]}, &1)), do: "false", else: "default"

    Enum.each(body, fn
      {:schema, _, [source, [do: fields]]} ->
        IO.puts(Enum.join(["schema", module, Map.get(prefixes, used, ""), source, key], "\t"))
        Enum.each(block(fields), &declaration(module, &1))

      _ ->
        :ok
    end)
  end

  defp declaration(module, {:field, _, [name, type | rest]}) do
    opts = List.first(rest, [])
    values = Enum.map_join(Keyword.get(opts, :values, []), ",", &Atom.to_string/1)
    row(["field", module, name, Keyword.get(opts, :source, name), Macro.to_string(type), Keyword.get(opts, :primary_key, false), values])
  end

  defp declaration(module, {:belongs_to, _, [name, target, opts]}) do
    foreign_key = Keyword.fetch!(opts, :foreign_key)
    row(["belongs_to", module, name, alias_name(target), foreign_key, Keyword.get(opts, :source, foreign_key),
         Keyword.get(opts, :references, :id), Macro.to_string(Keyword.get(opts, :type, :string)),
         Keyword.get(opts, :define_field, true), Keyword.get(opts, :primary_key, false)])
  end

  defp declaration(module, {kind, _, [name, target, opts]}) when kind in [:has_many, :has_one] do
    row([kind, module, name, alias_name(target), Keyword.fetch!(opts, :foreign_key), Keyword.get(opts, :references, :id)])
  end

  defp declaration(module, {:many_to_many, _, [name, target, opts]}) do
    keys = Enum.map_join(Keyword.fetch!(opts, :join_keys), ",", fn {k, v} -> "#{k}=#{v}" end)
    row(["many_to_many", module, name, alias_name(target), alias_name(Keyword.fetch!(opts, :join_through)), keys])
  end

  defp declaration(module, other), do: row(["unknown", module, Macro.to_string(other)])

  defp alias_name({:__aliases__, _, parts}), do: Enum.join(parts, ".")

  defp row(values), do: IO.puts(Enum.map_join(values, "\t", &to_string/1))
end

FerryCheck.main(System.argv())
