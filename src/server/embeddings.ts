import OpenAI from 'openai'

export interface EmbeddingsOptions {
  /** an OpenAI-compatible base URL, e.g. https://api.openai.com/v1 or a local vLLM/TEI server */
  url: string
  model: string
  apiKey?: string | undefined
  timeoutMs?: number
}

/** Embeds texts through an OpenAI-compatible `/embeddings` endpoint (for text_similarity `cosine`). */
export function openAiEmbedder({ url, model, apiKey, timeoutMs = 30_000 }: EmbeddingsOptions) {
  const client = new OpenAI({ baseURL: url, apiKey: apiKey ?? 'unused', timeout: timeoutMs, maxRetries: 2 })
  return async (texts: string[]): Promise<number[][]> => {
    const res = await client.embeddings.create({ model, input: texts })
    return [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding)
  }
}
