import type { DatasetSummary } from '../../../src-main/shared/dataset';
import type {
  AdvancedSettings,
  ModelChoice,
  ModelId,
  StartRunRequest,
  TrainingPreset,
} from '../../../src-main/shared/studio-api';

/**
 * The choices of the Train panel: which model suits this dataset, which preset, a second dataset for CycleGAN
 * on unmatched folders, and the Advanced settings, which start from the chosen model's and preset's defaults.
 */
export class TrainChoice {
  modelId = $state<ModelId | null>(null);
  presetId = $state<TrainingPreset['id'] | null>(null);
  datasetB = $state('');
  title = $state('');
  advanced = $state<AdvancedSettings | null>(null);

  /** Models this dataset can feed: paired datasets translate; plain ones make images, or pair up for CycleGAN. */
  readonly models: ModelChoice[];
  /** Plain datasets of the same size that could be CycleGAN's side B. */
  readonly partners: DatasetSummary[];

  // Getters over $state fields stay reactive where a component reads them.
  get model(): ModelChoice | null {
    return this.models.find((m) => m.id === this.modelId) ?? null;
  }

  get preset(): TrainingPreset | null {
    return this.model?.presets.find((p) => p.id === this.presetId) ?? null;
  }

  get needsPartner(): boolean {
    return this.modelId === 'cyclegan' && this.dataset.kind !== 'paired';
  }

  get ready(): boolean {
    return Boolean(this.preset && this.title.trim() && (!this.needsPartner || this.datasetB));
  }

  constructor(
    private readonly dataset: DatasetSummary,
    all: ModelChoice[],
    datasets: DatasetSummary[],
  ) {
    const paired = dataset.kind === 'paired';
    this.partners = datasets.filter(
      (d) => d.name !== dataset.name && d.kind !== 'paired' && d.imageSize === dataset.imageSize,
    );
    this.models = all.filter((m) =>
      paired
        ? m.trainsOn !== 'images'
        : m.trainsOn === 'images' || (m.id === 'cyclegan' && this.partners.length > 0),
    );
    const first = this.models[0];
    if (first) this.choose(first.id);
  }

  /** A preset can train from a dataset of its size or larger (it is scaled down); never from a smaller one. */
  usable(preset: TrainingPreset): boolean {
    return preset.imageSize <= this.dataset.imageSize && this.dataset.imageSize % preset.imageSize === 0;
  }

  choose(modelId: ModelId): void {
    const model = this.models.find((m) => m.id === modelId);
    if (!model) return;
    this.modelId = modelId;
    this.choosePreset(([...model.presets].reverse().find((p) => this.usable(p)) ?? model.presets[0])!.id);
  }

  choosePreset(presetId: TrainingPreset['id']): void {
    const preset = this.model?.presets.find((p) => p.id === presetId);
    if (!this.model || !preset) return;
    this.presetId = presetId;
    this.title = `${this.dataset.name}-${this.model.id === 'dcgan' ? '' : `${this.model.id}-`}${presetId}`;
    this.advanced = { ...this.model.defaults, steps: preset.steps, batchSize: preset.batchSize };
  }

  request(): StartRunRequest | null {
    if (!this.ready || !this.model || !this.preset || !this.advanced) return null;
    // Empty fields (such as no seed) mean "use the default".
    const advanced = Object.fromEntries(
      Object.entries(this.advanced).filter(
        ([, value]) => value !== null && value !== undefined && value !== '',
      ),
    );
    return {
      model: this.model.id,
      dataset: this.dataset.name,
      ...(this.needsPartner ? { datasetB: this.datasetB } : {}),
      title: this.title.trim(),
      preset: this.preset.id,
      advanced,
    };
  }
}
