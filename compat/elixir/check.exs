# Parse/format/structure check of Ferry's Ecto output (Ecto itself cannot be installed: no Hex).
#
#   elixir check.exs <generated root>
#
# 1. Parses every .ex/.exs file under the root with Elixir's own parser; prints "error\t<file>\t<message>".
# 2. Walks the parsed modules and prints what they declare, one tab-separated line each:
#      schema     Module  prefix  source  primary_key(default|false)
#      field      Module  name  column  type  primary_key  enum_values(comma-separated)  load_in_query
#      belongs_to Module  name  Target  foreign_key  column  references  type  define_field  primary_key
#      has_many / has_one   Module  name  Target  foreign_key  references  where(k=v,k=v; "" when none)
#      many_to_many Module  name  Target  join_through  join_keys(k=v,k=v)
#      table      prefix.name            (an Ecto migration's create table(...))
#      add        prefix.name  column  type  null  primary_key  default
#      ecto_type  Module  type  loads(comma-separated JSON kinds: object,array,string,number,boolean)
#    The Java test compares these with the live catalog and the relationship model.
# 3. Rejects what Ecto.Schema would raise on at compile time: an option a macro does not take (the
#    lists of Ecto.Schema's documentation and its @valid_*_options) and a name defined twice in one
#    schema (fields, the @primary_key field, belongs_to foreign keys and associations share the
#    struct). Prints "error\t<Module>\t<message>".
# 4. Compiles each module that `use`s Ecto.Type against the behaviour as Ecto.Type documents it
#    (required callbacks type/0, cast/1, load/1, dump/1) and reports which JSON kinds it loads, casts
#    and dumps unchanged (nil never reaches a custom type: Ecto bypasses it).
# Exits with status 1 when any "error" line was printed.
# (mix format --check-formatted runs separately, from the root, with the generated .formatter.exs.)

defmodule Ecto.Type do
  # The behaviour as Ecto.Type's documentation defines it, so generated custom types compile here.
  @callback type() :: term
  @callback cast(term) :: {:ok, term} | :error
  @callback load(term) :: {:ok, term} | :error
  @callback dump(term) :: {:ok, term} | :error
  @callback embed_as(atom) :: :self | :dump
  @callback equal?(term, term) :: boolean

  defmacro __using__(_opts) do
    quote do
      @behaviour Ecto.Type
      def embed_as(_format), do: :self
      def equal?(term1, term2), do: term1 == term2
      defoverridable embed_as: 1, equal?: 2
    end
  end
end

defmodule FerryCheck do
  # Ecto.Schema's options per macro (its documentation; the association lists are its
  # @valid_has_options, @valid_belongs_to_options and @valid_many_to_many_options).
  @field_options [:default, :source, :autogenerate, :read_after_writes, :virtual, :primary_key,
                  :load_in_query, :redact, :skip_default_validation, :writable]
  # Ecto.Enum is a parameterized type: its options are its own.
  @enum_options [:values, :embed_as]
  @has_options [:foreign_key, :references, :through, :on_delete, :defaults, :on_replace, :where,
                :preload_order]
  @options %{
    belongs_to: [:foreign_key, :references, :define_field, :type, :on_replace, :defaults,
                 :primary_key, :source, :where],
    has_many: @has_options,
    has_one: @has_options,
    many_to_many: [:join_through, :join_defaults, :join_keys, :on_delete, :defaults, :on_replace,
                   :unique, :where, :join_where, :preload_order]
  }

  @json_samples [object: %{"a" => [1]}, array: [1, "b"], string: "c", number: 1.5,
                 boolean: true]

  def main([root]) do
    files = Path.wildcard(Path.join(root, "**/*.{ex,exs}"), match_dot: true)
    asts =
      for file <- files, reduce: [] do
        acc ->
          case Code.string_to_quoted(File.read!(file), file: file, columns: true) do
            {:ok, ast} -> [{file, ast} | acc]
            {:error, {meta, message, token}} ->
              error(file, "#{inspect(meta)} #{inspect(message)} #{inspect(token)}")
              acc
          end
      end

    IO.puts("parsed\t#{length(asts)}\t#{length(files)}")
    modules = Enum.flat_map(asts, fn {_file, ast} -> modules(ast) end)
    prefixes = for {name, body, _ast} <- modules, prefix = shared_prefix(body), into: %{}, do: {name, prefix}
    for {name, body, _ast} <- modules, do: schema(name, body, prefixes)
    for {_name, body, _ast} <- modules, do: migration(body)
    for {name, body, ast} <- modules, ecto_type?(body), do: ecto_type(name, ast)
  end

  defp error(where, message) do
    Process.put(:ferry_errors, Process.get(:ferry_errors, 0) + 1)
    row(["error", where, message])
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

      # a column named nil is the atom nil, whose to_string is ""
      row(["add", table, Atom.to_string(column), type, Keyword.get(opts, :null, true), Keyword.get(opts, :primary_key, false), default])
    end)
  end

  defp migration_statement(_other), do: :ok

  defp modules(ast) do
    {_, found} =
      Macro.prewalk(ast, [], fn
        {:defmodule, _, [{:__aliases__, _, parts}, [do: body]]} = node, acc ->
          {node, [{Enum.join(parts, "."), block(body), node} | acc]}

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
        declarations = block(fields)
        Enum.each(declarations, &check_options(module, &1))
        check_names(module, declarations, if(key == "default", do: [:id], else: []))
        Enum.each(declarations, &declaration(module, &1))

      _ ->
        :ok
    end)
  end

  defp check_options(module, {macro, _, [name, type | rest]}) do
    opts = List.first(rest, [])

    valid =
      case {macro, type} do
        {:field, {:__aliases__, _, [:Ecto, :Enum]}} -> @field_options ++ @enum_options
        # Ecto.Enum in an array takes its own options too (Ecto.Enum's docs: {:array, Ecto.Enum}, values: [...])
        {:field, {:array, {:__aliases__, _, [:Ecto, :Enum]}}} -> @field_options ++ @enum_options
        {:field, _} -> @field_options
        _ -> Map.get(@options, macro, [])
      end

    for {option, _} <- opts, option not in valid do
      error(module, "invalid option #{inspect(option)} for #{macro} #{inspect(name)}")
    end

    # Ecto.Enum's init raises without a non-empty :values list
    if valid == @field_options ++ @enum_options and Keyword.get(opts, :values, []) == [] do
      error(module, "Ecto.Enum field #{inspect(name)} needs a non-empty values: list")
    end
  end

  # A comment-only schema body parses to nothing; anything else that is not a call is "unknown" below.
  defp check_options(_module, _other), do: :ok

  # The names each declaration puts on the struct, as Ecto.Schema's put_struct_field counts them.
  defp check_names(module, declarations, implicit) do
    names = implicit ++ Enum.flat_map(declarations, &defined_names(module, &1))

    for {name, count} <- Enum.frequencies(names), count > 1 do
      error(module, "field/association #{inspect(name)} is defined #{count} times")
    end
  end

  defp defined_names(module, {:belongs_to, _, [name, _target, opts]}) do
    foreign_key = Keyword.get(opts, :foreign_key, :"#{name}_id")

    if foreign_key == name do
      error(module, "belongs_to #{inspect(name)}: foreign_key must differ from the association name")
    end

    if Keyword.get(opts, :define_field, true), do: [name, foreign_key], else: [name]
  end

  defp defined_names(_module, {macro, _, [name | _]}) when macro in [:field, :has_many, :has_one, :many_to_many], do: [name]
  defp defined_names(_module, _other), do: []

  defp declaration(module, {:field, _, [name, type | rest]}) do
    opts = List.first(rest, [])
    values = Enum.map_join(Keyword.get(opts, :values, []), ",", &Atom.to_string/1)
    # Ecto.Schema reads the column as `field_sources[name] || name`: source: nil (or false) is no source
    row(["field", module, name, opts[:source] || name, Macro.to_string(type), Keyword.get(opts, :primary_key, false), values,
         Keyword.get(opts, :load_in_query, true)])
  end

  defp declaration(module, {:belongs_to, _, [name, target, opts]}) do
    foreign_key = Keyword.fetch!(opts, :foreign_key)
    row(["belongs_to", module, name, alias_name(target), foreign_key, opts[:source] || foreign_key,
         Keyword.get(opts, :references, :id), Macro.to_string(Keyword.get(opts, :type, :string)),
         Keyword.get(opts, :define_field, true), Keyword.get(opts, :primary_key, false)])
  end

  defp declaration(module, {kind, _, [name, target, opts]}) when kind in [:has_many, :has_one] do
    where = Enum.map_join(Keyword.get(opts, :where, []), ",", fn {k, v} -> "#{k}=#{if is_binary(v), do: v, else: inspect(v)}" end)
    row([kind, module, name, alias_name(target), Keyword.fetch!(opts, :foreign_key), Keyword.get(opts, :references, :id), where])
  end

  defp declaration(module, {:many_to_many, _, [name, target, opts]}) do
    keys = Enum.map_join(Keyword.fetch!(opts, :join_keys), ",", fn {k, v} -> "#{k}=#{v}" end)
    row(["many_to_many", module, name, alias_name(target), alias_name(Keyword.fetch!(opts, :join_through)), keys])
  end

  defp declaration(module, other), do: row(["unknown", module, Macro.to_string(other)])

  defp ecto_type?(body), do: Enum.any?(body, &match?({:use, _, [{:__aliases__, _, [:Ecto, :Type]}]}, &1))

  defp ecto_type(name, ast) do
    [{module, _}] = Code.compile_quoted(ast)
    required = Ecto.Type.behaviour_info(:callbacks) -- Ecto.Type.behaviour_info(:optional_callbacks)

    for {fun, arity} <- required, not function_exported?(module, fun, arity) do
      error(name, "Ecto.Type callback #{fun}/#{arity} is missing")
    end

    loads =
      for {kind, value} <- @json_samples,
          Enum.all?([:cast, :load, :dump], &(apply(module, &1, [value]) == {:ok, value})),
          do: kind

    row(["ecto_type", name, inspect(module.type()), Enum.join(loads, ",")])
  end

  defp alias_name({:__aliases__, _, parts}), do: Enum.join(parts, ".")

  # A value's tab or line break is written \t, \n, so rows stay one line of tab-separated fields.
  defp row(values), do: IO.puts(Enum.map_join(values, "\t", &field/1))

  defp field(value), do: value |> to_string() |> String.replace("\t", "\\t") |> String.replace("\n", "\\n")
end

FerryCheck.main(System.argv())
if Process.get(:ferry_errors, 0) > 0, do: System.halt(1)
