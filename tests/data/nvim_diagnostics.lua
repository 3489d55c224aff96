-- Attach auditor's language server to the current buffer with Neovim's own LSP client and
-- write the diagnostics it publishes to $AUDITOR_NVIM_OUT as JSON.
local out = os.getenv("AUDITOR_NVIM_OUT")
local cmd = vim.fn.json_decode(os.getenv("AUDITOR_LSP_CMD"))
local root = os.getenv("AUDITOR_ROOT")
local timeout = tonumber(os.getenv("AUDITOR_NVIM_TIMEOUT") or "30000")
local bufnr = vim.api.nvim_get_current_buf()

local config = { name = "auditor", cmd = cmd, root_dir = root,
                 init_options = { auditor = { debounce = 50 } } }
local client_id
if vim.lsp.start then            -- Neovim 0.8 and later
  client_id = vim.lsp.start(config)
else                             -- Neovim 0.7
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
end

local ok = vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local result = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(result, {
    code = d.code or lsp.code, source = d.source or lsp.source, message = d.message,
    severity = d.severity, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
  })
end
local f = assert(io.open(out, "w"))
f:write(vim.fn.json_encode({ ok = ok, client = client_id, diagnostics = result }))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd("qa!")
