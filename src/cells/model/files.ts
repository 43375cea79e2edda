/**
 * Model files on disk: telling apart the files a user picks (model.json, weights.bin,
 * preprocessing.json — by content, since names get changed by downloads: "model (1).json"), and
 * offering the three for download.
 */
import { downloadBlob } from '../../ui/download';
import type { ModelFiles } from '../../../workers/protocol-model';

export interface PickedModelFiles {
  readonly files: ModelFiles;
  /** The spec from a separate preprocessing.json, when one was picked. */
  readonly spec?: string;
}

export class ModelFilesError extends Error {
  override name = 'ModelFilesError';
}

interface Named {
  readonly name: string;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Largest JSON file read as text (model.json with its saved errors is well below this). */
const MAX_JSON_BYTES = 64 << 20;

export async function classifyModelFiles(picked: readonly (Named & { readonly size: number })[]): Promise<PickedModelFiles> {
  let modelJson: string | undefined;
  let spec: string | undefined;
  let weights: ArrayBuffer | undefined;
  for (const f of picked) {
    if (/\.json$/i.test(f.name)) {
      if (f.size > MAX_JSON_BYTES) throw new ModelFilesError(`${f.name} is too large to be a model file.`);
      const text = await f.text();
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new ModelFilesError(`${f.name} is not valid JSON.`);
      }
      const rec = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
      if ('modelTopology' in rec) modelJson = text;
      else if ('columns' in rec && 'features' in rec) spec = text;
      else throw new ModelFilesError(`${f.name} is neither a model.json nor a preprocessing.json.`);
    } else {
      weights = await f.arrayBuffer();
    }
  }
  if (modelJson === undefined) throw new ModelFilesError('Pick the model.json file (and its weights.bin).');
  if (weights === undefined) throw new ModelFilesError('Pick the weights.bin file together with model.json.');
  return { files: { modelJson, weights }, ...(spec !== undefined ? { spec } : {}) };
}


/** model.json, weights.bin (the name model.json refers to) and preprocessing.json. */
export function downloadModel(files: ModelFiles, specJson: string): void {
  downloadBlob(new Blob([files.modelJson], { type: 'application/json' }), 'model.json');
  downloadBlob(new Blob([files.weights], { type: 'application/octet-stream' }), 'weights.bin');
  downloadBlob(new Blob([specJson], { type: 'application/json' }), 'preprocessing.json');
}
